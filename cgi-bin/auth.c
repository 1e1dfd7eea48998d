/*
 * auth.c - the public program: the home page (districts and their current
 * school years). Login and accounts join it with the accounts work.
 */
#include "core/app.h"
#include "core/render.h"

#include <string.h>

static const char sql_districts[] =
    "SELECT d.id, d.code, d.name, d.province, d.city, d.authority,"
    "       d.self_registration, y.id, y.label, y.starts_on, y.ends_on,"
    "       y.register_deadline"
    "  FROM district d"
    "  LEFT JOIN school_year y ON y.district_id = d.id AND y.is_current = 1"
    " ORDER BY d.province, d.city, d.code";

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* GET / : the districts this installation serves. */
static int
page_home(struct ctx *c)
{
	xmlNodePtr root, list;
	sqlite3_stmt *st;
	int rc;

	if ((root = app_page(c, "home")) == NULL)
		return 500;
	if ((list = xml_node(root, "districts")) == NULL)
		return 500;
	if ((st = db_stmt(c->db, sql_districts)) == NULL)
		return 500;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xmlNodePtr d = xml_node(list, "district");
		if (d == NULL)
			return 500;
		xml_attr_int(d, "id", sqlite3_column_int64(st, 0));
		xml_attr(d, "code", col(st, 1));
		xml_attr(d, "self-registration",
		    sqlite3_column_int(st, 6) ? "yes" : "no");
		xml_text(d, "name", col(st, 2));
		xml_text(d, "province", col(st, 3));
		xml_text(d, "city", col(st, 4));
		xml_text(d, "authority", col(st, 5));
		if (sqlite3_column_type(st, 7) != SQLITE_NULL) {
			xmlNodePtr y = xml_node(d, "current-year");
			if (y == NULL)
				return 500;
			xml_attr_int(y, "id", sqlite3_column_int64(st, 7));
			xml_attr(y, "label", col(st, 8));
			xml_attr(y, "starts", col(st, 9));
			xml_attr(y, "ends", col(st, 10));
			xml_attr(y, "register-deadline", col(st, 11));
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_result_of(rc) == DB_BUSY ? 503 : 500;
	return 200;
}

static const struct route routes[] = {
	{ HTTP_GET, "/", page_home, ROLES_EVERYONE, SCOPE_PUBLIC, "home" },
};

const struct program program_auth = {
	"xueshi-auth", routes, sizeof(routes) / sizeof(routes[0])
};

#ifndef XS_NO_MAIN
int
main(int argc, char **argv)
{
	return app_main(&program_auth, argc, argv);
}
#endif
