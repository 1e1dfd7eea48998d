/*
 * store/teacher.h - teachers and their years (teacher_year): the current
 * year of a teacher with its school and deadlines, the teacher of a
 * teacher-year, whether the teacher may register, who registers instead,
 * and every year of a teacher.
 *
 * SQLite-only: nothing beyond the portable subset.
 */
#ifndef XS_STORE_TEACHER_H
#define XS_STORE_TEACHER_H

#include "store/store.h"

/* A teacher's current year. Text is "" where the column is empty or NULL. */
struct teacher_year_view {
	long long teacher_id;
	const char *name, *gender, *staff_no, *subject, *title;
	long long teacher_year_id;
	const char *category, *status, *receiving_unit;
	long long school_id;
	const char *school;
	long long year_id;
	const char *year, *starts_on, *ends_on;
	/* register, school_review, district_review: NULL where none */
	const char *deadlines[3];
	int self_registration;
	const char *school_state;   /* the school's year: open, submitted, confirmed */
};

/* Teacher's current year into *v. DB_NOTFOUND: on no roster this year. */
enum db_result store_teacher_year_view(struct db *db, arena *a, long long teacher,
    struct teacher_year_view *v);

/* Teacher-year ty (of any year) into *v. DB_NOTFOUND: no such teacher-year. */
enum db_result store_teacher_year_view_of(struct db *db, arena *a, long long ty,
    struct teacher_year_view *v);

/* The teacher of teacher-year ty into *teacher. DB_NOTFOUND when none. */
enum db_result store_teacher_of_year(struct db *db, long long ty, long long *teacher);

/* A teacher's current teacher-year and what registering depends on. */
struct teacher_current {
	long long teacher_year_id;
	long long district_id;
	int self_registration;  /* the district lets teachers register */
	int active;             /* 0: the school marked the teacher as left */
};

/* Teacher's current teacher-year into *t. DB_NOTFOUND: on no roster this year. */
enum db_result store_teacher_current(struct db *db, long long teacher, struct teacher_current *t);

/*
 * DB_OK when teacher-year ty is of its district's current year,
 * DB_NOTFOUND otherwise: for a teacher-year named in a form (whose school
 * the core has checked: its field declares the object).
 */
enum db_result store_teacher_year_current(struct db *db, long long ty);

/*
 * Who registers for a school's teachers: *school_name (NULL when there is
 * no such school) and the display names of its active hours admins, by id.
 */
enum db_result store_school_registrars(struct db *db, arena *a, long long school,
    const char **school_name, const char ***admins, size_t *n);

/* One year of a teacher. */
struct teacher_history_year {
	long long teacher_year_id, school_year_id, school_id;
	const char *label, *school, *category, *starts_on;
};

/* Teacher's years, newest first, at most 64. Filled whole. */
enum db_result store_teacher_history(struct db *db, arena *a, long long teacher,
    struct teacher_history_year **out, size_t *n);

#endif
