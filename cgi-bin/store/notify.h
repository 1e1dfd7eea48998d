/*
 * store/notify.h - the users' inboxes (migration 0013): who is told of a
 * change, inside the change's own transaction; the inbox of one account;
 * marking read; and the deadline reminders `xueshictl remind` makes.
 */
#ifndef XS_STORE_NOTIFY_H
#define XS_STORE_NOTIFY_H

#include "store/store.h"

/*
 * Tell the teacher of record (every active teacher account of its teacher)
 * of kind (record_returned, record_rejected, record_approved) with detail.
 */
enum db_result store_notify_teacher(struct db *db, long long record, const char *kind,
    const char *detail);

/* Tell the active school admins of record's school of kind (district_returned). */
enum db_result store_notify_record_school(struct db *db, long long record, const char *kind,
    const char *detail);

/* Tell the active school admins of school of kind (year_reopened, year_confirmed) for year. */
enum db_result store_notify_school(struct db *db, long long school, long long year,
    const char *kind, const char *detail);

/* Tell the active district admins of school's district that school did kind (year_submitted). */
enum db_result store_notify_district(struct db *db, long long school, long long year,
    const char *kind, const char *detail);

/*
 * Tell the active school admins and leaders of every school notice's lists
 * name that it was published (notice_published, detail: its title).
 */
enum db_result store_notify_notice(struct db *db, long long notice, const char *title);

/* One notification as the inbox lists it. */
struct notification {
	long long id;
	const char *kind, *detail, *created_at;
	int unread;
	long long days;            /* deadline_near; -1 otherwise */
	long long record_id;       /* 0 when none */
	long long notice_id;       /* notice_published; 0 otherwise */
	const char *item, *teacher, *school, *year;   /* "" when none */
};

#define INBOX_MAX 200

/* Account's latest INBOX_MAX notifications, newest first. Filled whole. */
enum db_result store_inbox(struct db *db, arena *a, long long account,
    struct notification **out, size_t *n);

/* How many of account's notifications are unread. */
enum db_result store_inbox_unread(struct db *db, long long account, long long *n);

/* Mark id (0: every one) of account's notifications read; *changed how many. */
enum db_result store_inbox_read(struct db *db, long long account, long long id, long long *changed);

/*
 * Deadline reminders for the current school years of every district: a
 * teacher (active account) of a school still registering (its year not
 * handed in or confirmed) whose effective registration
 * deadline (extensions count) is days_left[k] days after the district's
 * local today, and whose kept result still falls short (gap > 0), is told
 * once per deadline and distance. today(utc_offset) gives the district's
 * local date YYYY-MM-DD. *made: the notifications made.
 */
typedef void (*store_today_fn)(int utc_offset_minutes, char out[11], void *arg);
enum db_result store_remind(struct db *db, store_today_fn today, void *arg,
    const int *days_left, size_t ndays, long long *made);

#endif
