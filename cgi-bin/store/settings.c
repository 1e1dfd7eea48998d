/* store/settings.c - see settings.h */
#include "store/settings.h"
#include "store/sql.h"

#include <string.h>

static int
fill(arena *a, sql_stmt *st, void *row)
{
	struct district_settings *s = row;

	s->id = sql_int(st, 0, 0);
	s->code = sql_dup(a, st, 1);
	s->name = sql_dup(a, st, 2);
	s->authority = sql_dup(a, st, 3);
	s->stamp_text = sql_dup(a, st, 4);
	s->card_title = sql_dup(a, st, 5);
	s->summary_title = sql_dup(a, st, 6);
	s->self_registration = (int)sql_int(st, 7, 1);
	s->time_zone = sql_dup(a, st, 8);
	s->utc_offset_minutes = sql_int(st, 9, 480);
	s->year_start_md = sql_dup(a, st, 10);
	return s->code && s->name && s->authority && s->stamp_text && s->card_title &&
	    s->summary_title && s->time_zone && s->year_start_md ? 0 : -1;
}

enum db_result
store_district_settings(struct db *db, arena *a, long long district, struct district_settings *s)
{
	static const char sql[] =
	    "SELECT id, code, name, authority, stamp_text, card_title, summary_title,"
	    " self_registration, time_zone, utc_offset_minutes, year_start_md"
	    " FROM district WHERE id = ?";
	sql_stmt *st = db_stmt(db, sql);

	memset(s, 0, sizeof(*s));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	return sql_one(st, a, sizeof(*s), fill, s);
}

enum db_result
store_district_settings_set(struct db *db, const struct district_settings *s)
{
	static const char sql[] =
	    "UPDATE district SET name = ?2, authority = ?3, stamp_text = ?4, card_title = ?5,"
	    " summary_title = ?6, self_registration = ?7, time_zone = ?8, utc_offset_minutes = ?9,"
	    " year_start_md = ?10 WHERE id = ?1";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, s->id);
	sql_bind_text(st, 2, s->name);
	sql_bind_text(st, 3, s->authority);
	sql_bind_text(st, 4, s->stamp_text);
	sql_bind_text(st, 5, s->card_title);
	sql_bind_text(st, 6, s->summary_title);
	sql_bind_int(st, 7, s->self_registration);
	sql_bind_text(st, 8, s->time_zone);
	sql_bind_int(st, 9, s->utc_offset_minutes);
	sql_bind_text(st, 10, s->year_start_md);
	return sql_exec(st);
}
