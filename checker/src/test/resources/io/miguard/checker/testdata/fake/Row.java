package fake;

import io.miguard.annotations.MoreResults;

/** A result of the user's handle: its accessor carries @MoreResults. */
public record Row(String value, @MoreResults boolean pending) {}
