/*
 * pages/inbox.h - each user's notifications (消息, migration 0013), served by
 * the auth program:
 *   GET  /inbox          the latest 200, newest first, unread marked
 *   POST /inbox/read     id: mark one read; none: mark every one read
 * Who gets what is store/notify.h's; the header shows the unread count.
 */
#ifndef XS_PAGES_INBOX_H
#define XS_PAGES_INBOX_H

#include "core/app.h"

int inbox_page(struct ctx *c);
int inbox_read(struct ctx *c);

#define INBOX_READ_FIELDS { { "id", FIELD_ID, 0, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

#define INBOX_ROUTES \
	{ HTTP_GET, "/inbox", inbox_page, ROLES_USERS, SCOPE_OWN, "inbox", 0, NULL }, \
	{ HTTP_POST, "/inbox/read", inbox_read, ROLES_USERS, SCOPE_OWN, "inbox_read", 0, inbox_read_fields }

#endif
