#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro Swift cannot import: SQLite copies the bound buffer.
static inline void (*tandem_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }
