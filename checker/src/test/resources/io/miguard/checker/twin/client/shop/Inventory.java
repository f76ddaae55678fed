package shop;

import acme.wmi.Client;
import acme.wmi.Query;
import acme.wmi.Row;
import acme.wmi.Scope;
import acme.wmi.Security;
import acme.wmi.Sink;
import acme.wmi.Workers;

/** Client code of the acme wrapper; "FINDING: CHECK" marks each line the checks report. */
class Inventory {
  void neverDrained(Client client) {
    Query query = client.select("SELECT * FROM Win32_Service");
    query.close(); // FINDING: MiCloseBeforeDrain
  }

  void drainedByLoop(Client client) {
    Query query = client.select("SELECT * FROM Win32_Service");
    Row row;
    do {
      row = query.next();
    } while (row.pending());
    query.close();
  }

  void drainedByFinish(Client client) {
    Query query = client.select("SELECT * FROM Win32_Service");
    query.finish();
    query.close();
  }

  void drainedByIteration(Client client) {
    Query query = client.select("SELECT * FROM Win32_Service");
    for (Row row : query.rows()) {
      System.out.println(row.value());
    }
    query.close();
  }

  void drainedByAHelper(Client client) {
    Query query = client.select("SELECT * FROM Win32_Service");
    Client.consume(query);
    query.close();
  }

  void drainedOnOnePathOnly(Client client, boolean all) {
    Query query = client.select("SELECT * FROM Win32_Service");
    if (all) {
      query.finish();
    }
    query.close(); // FINDING: MiCloseBeforeDrain
  }

  void cancelledIsNotDrained(Client client) {
    Query query = client.select("SELECT * FROM Win32_Service");
    query.abort();
    query.close(); // FINDING: MiCloseBeforeDrain
  }

  void closedByAHelperUndrained(Client client) {
    Query query = client.select("SELECT * FROM Win32_Service");
    Client.closeQuietly(query); // FINDING: MiCloseBeforeDrain
  }

  void singleResultRead(Client client) {
    Query query = client.get("Win32_Service.Name='Spooler'");
    query.next();
    query.close();
  }

  void singleResultNotRead(Client client) {
    Query query = client.get("Win32_Service.Name='Spooler'");
    query.close(); // FINDING: MiCloseBeforeDrain
  }

  void asynchronousResultsAreNotTheCallersToDrain(Client client) {
    Query query = client.watch("SELECT * FROM Win32_Service", (q, row) -> {});
    query.close();
  }

  void synchronousWithoutAListener(Client client) {
    Query query = client.lookup("Spooler", null);
    query.close(); // FINDING: MiCloseBeforeDrain
  }

  void closedAfterTheImpersonationEnded(Client client, String user) {
    Query query;
    try (Scope scope = Security.become(user, 0)) {
      query = client.select("SELECT * FROM Win32_Process");
      query.finish();
    }
    query.close(); // FINDING: MiCloseInDifferentContext
  }

  void closedInsideTheImpersonation(Client client, String user) {
    try (Scope scope = Security.become(user, 0)) {
      Query query = client.select("SELECT * FROM Win32_Process");
      query.finish();
      query.close();
    }
  }

  void closedAsAnotherIdentity(Client client, String user, String auditor) {
    try (Scope scope = Security.become(user, 0)) {
      Query query = client.select("SELECT * FROM Win32_Process");
      query.finish();
      Security.runAs(auditor, () -> query.close()); // FINDING: MiCloseInDifferentContext
    }
  }

  void closedOnAnotherThread(Client client, String user) {
    try (Scope scope = Security.become(user, 0)) {
      Query query = client.select("SELECT * FROM Win32_Process");
      query.finish();
      Workers.later("closer", () -> query.close()); // FINDING: MiCloseInDifferentContext
    }
  }

  /** Implements a method whose parameter the wrapper declares drained: it must drain it. */
  static final class Skipper implements Sink {
    @Override
    public void take(Query query) { // FINDING: MiCloseBeforeDrain
      query.next();
    }
  }
}
