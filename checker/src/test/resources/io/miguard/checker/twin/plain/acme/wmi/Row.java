package acme.wmi;

/** A result: item() is borrowed from the query, pending() says whether more results follow. */
public record Row(Item item, boolean pending) {}
