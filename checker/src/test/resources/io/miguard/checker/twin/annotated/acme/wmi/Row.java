package acme.wmi;

import io.miguard.annotations.BorrowedResult;
import io.miguard.annotations.MoreResults;

/** A result: item() is borrowed from the query, pending() says whether more results follow. */
public record Row(@BorrowedResult Item item, @MoreResults boolean pending) {}
