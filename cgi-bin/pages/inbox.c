/* pages/inbox.c - see inbox.h */
#include "pages/inbox.h"

#include "core/render.h"
#include "store/notify.h"

int
inbox_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "inbox"), list;
	struct notification *v;
	size_t n;
	enum db_result r;

	if (root == NULL || (list = xml_node(root, "inbox")) == NULL)
		return 500;
	if ((r = store_inbox(c->db, c->a, c->user->id, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = xml_node(list, "notification");
		if (e == NULL)
			return 500;
		xml_attr_int(e, "id", v[i].id);
		xml_attr(e, "kind", v[i].kind);
		xml_attr(e, "at", v[i].created_at);
		if (v[i].unread)
			xml_attr(e, "unread", "1");
		if (v[i].days >= 0)
			xml_attr_int(e, "days", v[i].days);
		if (v[i].record_id > 0)
			xml_attr_int(e, "record", v[i].record_id);
		if (v[i].notice_id > 0)
			xml_attr_int(e, "notice", v[i].notice_id);
		if (*v[i].item)
			xml_attr(e, "item", v[i].item);
		if (*v[i].teacher)
			xml_attr(e, "teacher", v[i].teacher);
		if (*v[i].school)
			xml_attr(e, "school", v[i].school);
		if (*v[i].year)
			xml_attr(e, "year", v[i].year);
		if (*v[i].detail)
			xml_text(e, "detail", v[i].detail);
	}
	return 200;
}

static enum db_result
read_tx(struct db *db, void *arg)
{
	struct ctx *c = arg;
	long long changed;

	return store_inbox_read(db, c->user->id, app_field_int(c, "id"), &changed);
}

int
inbox_read(struct ctx *c)
{
	enum db_result r = store_tx(c->db, read_tx, c);

	return r == DB_OK ? app_redirect(c, "/inbox") : app_status(r);
}
