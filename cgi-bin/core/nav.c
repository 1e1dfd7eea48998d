/* nav.c - see nav.h */
#include "core/nav.h"
#include "core/app.h"

#define SCHOOL_READERS (ROLE_SCHOOL_ADMIN | ROLE_SCHOOL_LEADER)

const struct nav_entry app_nav[] = {
	{ "/", "nav.home", ROLES_EVERYONE, 0 },
	{ "/teacher", "nav.teacher", ROLE_TEACHER, 0 },
	{ "/teacher/records/new", "nav.register", ROLE_TEACHER, NAV_REGISTERS },
	{ "/teacher/signin", "nav.signin", ROLE_TEACHER, 0 },
	{ "/school", "nav.school", SCHOOL_READERS, 0 },
	{ "/school/review", "school.queue", SCHOOL_READERS, 0 },
	{ "/school/roster", "nav.roster", SCHOOL_READERS, 0 },
	{ "/school/bulk", "nav.bulk", ROLE_SCHOOL_ADMIN, 0 },
	{ "/school/points", "nav.points", SCHOOL_READERS, 0 },
	{ "/school/projects", "nav.projects", SCHOOL_READERS, 0 },
	{ "/school/stats", "nav.stats", SCHOOL_READERS, 0 },
	{ "/school/notices", "nav.notices", SCHOOL_READERS, 0 },
	{ "/school/events", "nav.events", SCHOOL_READERS, 0 },
	{ "/district", "nav.district", ROLE_DISTRICT_ADMIN, 0 },
	{ "/district/review", "district.queue", ROLE_DISTRICT_ADMIN, 0 },
	{ "/district/projects", "nav.projects", ROLE_DISTRICT_ADMIN, 0 },
	{ "/district/changes", "nav.changes", ROLE_DISTRICT_ADMIN, 0 },
	{ "/district/stats", "nav.stats", ROLE_DISTRICT_ADMIN, 0 },
	{ "/district/notices", "nav.notices", ROLE_DISTRICT_ADMIN, 0 },
	{ "/district/events", "nav.events", ROLE_DISTRICT_ADMIN, 0 },
	{ "/district/schools", "nav.schools", ROLE_DISTRICT_ADMIN, 0 },
	{ "/district/years", "nav.years", ROLE_DISTRICT_ADMIN, 0 },
	{ "/district/catalogue", "nav.catalogue", ROLE_DISTRICT_ADMIN, 0 },
	{ "/district/settings", "nav.settings", ROLE_DISTRICT_ADMIN, 0 },
	{ "/admin/districts", "nav.districts", ROLE_SYSTEM_ADMIN, 0 },
	{ "/accounts", "nav.accounts", ROLE_SYSTEM_ADMIN | ROLE_DISTRICT_ADMIN | ROLE_SCHOOL_ADMIN, 0 },
	{ "/audit", "nav.audit", ROLE_DISTRICT_ADMIN | ROLE_SYSTEM_ADMIN, 0 },
};
const size_t app_nnav = sizeof(app_nav) / sizeof(app_nav[0]);
