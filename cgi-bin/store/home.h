/* store/home.h - what the home page lists: the districts served and their current years. */
#ifndef XS_STORE_HOME_H
#define XS_STORE_HOME_H

#include "store/store.h"

struct home_district {
	long long id;
	const char *code, *name, *province, *city, *authority;
	int self_registration;
	long long year_id;        /* 0: no current year */
	const char *year_label, *starts_on, *ends_on, *register_deadline;
};

/* Every district, by province, city and code, with its current year. */
enum db_result store_home_districts(struct db *db, arena *a, struct home_district **out, size_t *n);

#endif
