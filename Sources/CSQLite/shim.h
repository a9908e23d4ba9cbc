#include <sqlite3.h>

/// SQLITE_TRANSIENT as a function: the macro's cast does not import into Swift.
static inline void (*rac2qb_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }

/// SQLITE_CONSTRAINT_PRIMARYKEY as a function: the macro's expression does not import into Swift.
static inline int rac2qb_sqlite_constraint_primarykey(void) { return SQLITE_CONSTRAINT_PRIMARYKEY; }
