/*
 * test_auth.c - accounts through nginx: login and logout, CSRF and Origin
 * checks, the forced password change, sessions ended by password change and
 * by disabling, the school admin handover, no secret in any XML document,
 * log line or audit row, and 100 wrong passwords slowed then locked out.
 */
#include "common.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static struct server srv;
static char seen_token[128];  /* a session token seen during the tests */

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (server_start(&srv) != 0) {
		server_stop(&srv);
		fprintf(stderr, "test_auth: could not start the server\n");
		exit(1);
	}
}

static int log_reports;

static void
teardown(void)
{
	server_halt(&srv);
	log_reports += server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

static long
account_id(struct client *cl, const char *login)
{
	char expr[256];
	xmlDocPtr d = get_xml(cl, &srv, "/accounts", NULL);
	long id;

	snprintf(expr, sizeof(expr), "/page/accounts/account[@login='%s']/@id", login);
	id = xpath_long(d, expr);
	xmlFreeDoc(d);
	return id;
}

START_TEST(test_login_and_logout)
{
	struct client *cl = client_new();
	xmlDocPtr d;
	long status;
	char *s, *tok;

	ck_assert_int_eq(login_as(cl, &srv, "wtq-sx-admin", DEMO_PW), 303);
	tok = client_cookie(cl, "xs_session");
	ck_assert_ptr_nonnull(tok);
	ck_assert_uint_eq(strlen(tok), 64);
	snprintf(seen_token, sizeof(seen_token), "%s", tok);
	free(tok);
	d = get_xml(cl, &srv, "/", &status);
	ck_assert_int_eq(status, 200);
	s = xpath_string(d, "/page/user/@role");
	ck_assert_str_eq(s, "school_admin");
	free(s);
	xmlFreeDoc(d);
	ck_assert_int_eq(post_form(cl, &srv, "/logout", "", NULL), 303);
	d = get_xml(cl, &srv, "/accounts", &status);
	ck_assert_int_eq(status, 303);
	xmlFreeDoc(d);
	d = get_xml(cl, &srv, "/", &status);
	ck_assert_int_eq(xpath_long(d, "count(/page/user)"), 0);
	xmlFreeDoc(d);
	client_free(cl);
}
END_TEST

START_TEST(test_wrong_password_says_so_in_chinese)
{
	struct client *cl = client_new();
	struct reply r;
	char *token = csrf_token(cl, &srv), body[300];
	xmlDocPtr d;
	char *code;

	snprintf(body, sizeof(body), "login=wtq-nh-leader&password=not-the-password&csrf=%s", token);
	ck_assert_int_eq(client_do(cl, &srv, "POST", "/login?format=xml",
	    "application/x-www-form-urlencoded", body, strlen(body), NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	d = reply_xml(&r);
	code = xpath_string(d, "/page/form/form-error[@field='login']/@code");
	ck_assert_str_eq(code, "login_bad");
	free(code);
	/* What was typed is kept, the password is not echoed. */
	code = xpath_string(d, "/page/form/value[@name='login']");
	ck_assert_str_eq(code, "wtq-nh-leader");
	free(code);
	ck_assert_int_eq(xpath_long(d, "count(/page/form/value[@name='password'])"), 0);
	xmlFreeDoc(d);
	reply_free(&r);
	ck_assert_int_eq(client_do(cl, &srv, "POST", "/login", "application/x-www-form-urlencoded",
	    body, strlen(body), NULL, &r), 0);
	ck_assert(reply_contains(&r, "账号或密码不正确"));
	ck_assert(!reply_contains(&r, "not-the-password"));
	reply_free(&r);
	free(token);
	client_free(cl);
}
END_TEST

START_TEST(test_post_without_csrf_or_from_elsewhere_is_refused)
{
	struct client *cl = client_new();
	struct reply r;
	const char *evil[] = { "Origin: http://evil.example", NULL };
	char path[64], body[200], *token;
	long id;
	xmlDocPtr d;
	char *s;

	ck_assert_int_eq(login_as(cl, &srv, "wtq-sx-admin", DEMO_PW), 303);
	id = account_id(cl, "WTQ00010");
	ck_assert_int_gt(id, 0);
	snprintf(path, sizeof(path), "/accounts/%ld/disable?format=xml", id);
	ck_assert_int_eq(client_do(cl, &srv, "POST", path, "application/x-www-form-urlencoded",
	    "x=1", 3, NULL, &r), 0);
	ck_assert_int_eq(r.status, 403);
	d = reply_xml(&r);
	s = xpath_string(d, "/page/error/@code");
	ck_assert_str_eq(s, "csrf");
	free(s);
	xmlFreeDoc(d);
	reply_free(&r);
	/* The right token from the wrong origin. */
	token = csrf_token(cl, &srv);
	snprintf(body, sizeof(body), "csrf=%s", token);
	ck_assert_int_eq(client_do(cl, &srv, "POST", path, "application/x-www-form-urlencoded",
	    body, strlen(body), evil, &r), 0);
	ck_assert_int_eq(r.status, 403);
	reply_free(&r);
	free(token);
	/* Nothing changed. */
	snprintf(path, sizeof(path), "/accounts/%ld", id);
	d = get_xml(cl, &srv, path, NULL);
	s = xpath_string(d, "/page/account/@active");
	ck_assert_str_eq(s, "yes");
	free(s);
	xmlFreeDoc(d);
	client_free(cl);
}
END_TEST

/* Pull a value out of the slip's HTML: class "mono big" (password) or "mono" (login). */
static char *
slip_value(const struct reply *r, const char *cls)
{
	char marker[64];
	const char *p, *e;

	snprintf(marker, sizeof(marker), "class=\"%s\">", cls);
	p = strstr(r->body, marker);
	if (p == NULL)
		return NULL;
	p += strlen(marker);
	e = strchr(p, '<');
	return e ? strndup(p, (size_t)(e - p)) : NULL;
}

static char *
one_time_password(const struct reply *r)
{
	return slip_value(r, "mono big");
}

START_TEST(test_new_account_must_change_password_first)
{
	struct client *admin = client_new(), *t = client_new();
	struct reply r;
	char path[64], fields[256], *pw, *s, *phone;
	long id, status;
	xmlDocPtr d;

	ck_assert_int_eq(login_as(admin, &srv, "wh-ez-admin", DEMO_PW), 303);
	/* Free a teacher of the roster from their demo account, then make a new one. */
	id = account_id(admin, "WH00040");
	ck_assert_int_gt(id, 0);
	snprintf(path, sizeof(path), "/accounts/%ld/disable", id);
	ck_assert_int_eq(post_form(admin, &srv, path, "", NULL), 303);
	d = get_xml(admin, &srv, "/accounts/new", &status);
	ck_assert_int_eq(status, 200);
	s = xpath_string(d, "/page/choices/teacher[@staff-no='WH00040']/@id");
	ck_assert_str_ne(s, "");
	/* The staff number is still the disabled account's login: taken. */
	snprintf(fields, sizeof(fields), "teacher=%s&login_kind=staff_no", s);
	ck_assert_int_eq(post_form(admin, &srv, "/accounts/new?format=xml", fields, &r), 200);
	ck_assert(reply_contains(&r, "code=\"login_taken\""));
	reply_free(&r);
	snprintf(fields, sizeof(fields), "teacher=%s&login_kind=phone", s);
	free(s);
	xmlFreeDoc(d);
	ck_assert_int_eq(post_form(admin, &srv, "/accounts/new", fields, &r), 200);
	pw = one_time_password(&r);
	ck_assert_ptr_nonnull(pw);
	ck_assert_uint_eq(strlen(pw), 10);
	phone = slip_value(&r, "mono");
	ck_assert_ptr_nonnull(phone);
	ck_assert_uint_eq(strlen(phone), 11);
	reply_free(&r);

	ck_assert_int_eq(login_as(t, &srv, phone, pw), 303);
	d = get_xml(t, &srv, "/", &status);
	ck_assert_int_eq(status, 303); /* to the password page, first */
	xmlFreeDoc(d);
	snprintf(fields, sizeof(fields), "current=%s&new=my-own-secret-1&again=my-own-secret-1", pw);
	ck_assert_int_eq(post_form(t, &srv, "/account/password", fields, NULL), 303);
	d = get_xml(t, &srv, "/", &status);
	ck_assert_int_eq(status, 200);
	s = xpath_string(d, "/page/user/@login");
	ck_assert_str_eq(s, phone);
	free(s);
	xmlFreeDoc(d);
	free(pw);
	free(phone);
	client_free(admin);
	client_free(t);
}
END_TEST

START_TEST(test_one_time_password_never_in_xml)
{
	struct client *admin = client_new();
	struct reply r;
	char path[96], *token, body[128];
	long id;
	xmlDocPtr d;

	ck_assert_int_eq(login_as(admin, &srv, "wh-tj-admin", DEMO_PW), 303);
	id = account_id(admin, "WH00070");
	ck_assert_int_gt(id, 0);
	token = csrf_token(admin, &srv);
	snprintf(body, sizeof(body), "csrf=%s", token);
	snprintf(path, sizeof(path), "/accounts/%ld/reset?format=xml", id);
	ck_assert_int_eq(client_do(admin, &srv, "POST", path, "application/x-www-form-urlencoded",
	    body, strlen(body), NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	d = reply_xml(&r);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(xpath_long(d, "count(/page[@name='account-password']/account)"), 1);
	ck_assert(!reply_contains(&r, "password\">"));
	ck_assert(strstr(r.body, "mono big") == NULL);
	xmlFreeDoc(d);
	reply_free(&r);
	free(token);
	client_free(admin);
}
END_TEST

START_TEST(test_password_change_and_disable_end_sessions)
{
	struct client *a = client_new(), *b = client_new(), *admin = client_new();
	long status, id;
	char path[64];
	xmlDocPtr d;

	/* Two sessions of one teacher; a password change in one ends the other. */
	ck_assert_int_eq(login_as(a, &srv, "WTQ00031", DEMO_PW), 303);
	ck_assert_int_eq(login_as(b, &srv, "WTQ00031", DEMO_PW), 303);
	ck_assert_int_eq(post_form(a, &srv, "/account/password",
	    "current=" DEMO_PW "&new=teacher-new-pw-9&again=teacher-new-pw-9", NULL), 303);
	d = get_xml(b, &srv, "/account/password", &status);
	ck_assert_int_eq(status, 303); /* b is anonymous now: to the login page */
	xmlFreeDoc(d);
	d = get_xml(a, &srv, "/account/password", &status);
	ck_assert_int_eq(status, 200); /* a goes on */
	xmlFreeDoc(d);
	/* Disabling the account ends a's session too, and refuses the next login. */
	ck_assert_int_eq(login_as(admin, &srv, "wtq-nh-admin", DEMO_PW), 303);
	id = account_id(admin, "WTQ00031");
	ck_assert_int_gt(id, 0);
	snprintf(path, sizeof(path), "/accounts/%ld/disable", id);
	ck_assert_int_eq(post_form(admin, &srv, path, "", NULL), 303);
	d = get_xml(a, &srv, "/account/password", &status);
	ck_assert_int_eq(status, 303);
	xmlFreeDoc(d);
	ck_assert_int_eq(login_as(a, &srv, "WTQ00031", "teacher-new-pw-9"), 200);
	client_free(a);
	client_free(b);
	client_free(admin);
}
END_TEST

START_TEST(test_school_admin_handover_is_audited_for_the_district)
{
	struct client *d_admin = client_new(), *old = client_new(), *fresh = client_new();
	struct reply r;
	char path[64], *pw, *s;
	long id, status;
	xmlDocPtr d;

	ck_assert_int_eq(login_as(old, &srv, "wtq-zg-admin", DEMO_PW), 303);
	ck_assert_int_eq(login_as(d_admin, &srv, "wutongqiao-admin", DEMO_PW), 303);
	id = account_id(d_admin, "wtq-zg-admin");
	ck_assert_int_gt(id, 0);
	snprintf(path, sizeof(path), "/accounts/%ld/handover", id);
	ck_assert_int_eq(post_form(d_admin, &srv, path, "login=wtq-zg-admin2&name=%E6%96%B0%E7%AE%A1%E7%90%86%E5%91%98", &r), 200);
	pw = one_time_password(&r);
	ck_assert_ptr_nonnull(pw);
	reply_free(&r);
	/* The old admin is out, the new one is in. */
	d = get_xml(old, &srv, "/accounts", &status);
	ck_assert_int_eq(status, 303);
	xmlFreeDoc(d);
	ck_assert_int_eq(login_as(fresh, &srv, "wtq-zg-admin2", pw), 303);
	free(pw);
	/* The district sees it in the audit log. */
	d = get_xml(d_admin, &srv, "/audit?action=school_admin_handover", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_ge(xpath_long(d, "count(/page/audit/event[@action='school_admin_handover'])"), 1);
	s = xpath_string(d, "/page/audit/event[@action='school_admin_handover']/@by");
	ck_assert_str_eq(s, "wutongqiao-admin");
	free(s);
	xmlFreeDoc(d);
	/* Another district does not. */
	ck_assert_int_eq(login_as(old, &srv, "wuhua-admin", DEMO_PW), 303);
	d = get_xml(old, &srv, "/audit?action=school_admin_handover", &status);
	ck_assert_int_eq(xpath_long(d, "count(/page/audit/event)"), 0);
	xmlFreeDoc(d);
	client_free(d_admin);
	client_free(old);
	client_free(fresh);
}
END_TEST

/* Look for secrets in text: the demo password, argon2 hashes, the session token. */
static void
assert_no_secret(const char *what, const char *text)
{
	ck_assert_msg(strstr(text, DEMO_PW) == NULL, "%s holds a password", what);
	ck_assert_msg(strstr(text, "$argon2") == NULL, "%s holds a password hash", what);
	ck_assert_msg(seen_token[0] == '\0' || strstr(text, seen_token) == NULL,
	    "%s holds a session token", what);
}

START_TEST(test_no_secret_in_xml_logs_or_audit)
{
	static const char *pages[] = { "/", "/accounts", "/audit", "/accounts/new", "/account/password" };
	const char *logins[] = { "admin", "wutongqiao-admin", "wh-hy-admin" };
	char cmd[1200], buf[4096];
	FILE *p;
	size_t n;

	ck_assert(seen_token[0] != '\0');
	for (size_t k = 0; k < sizeof(logins) / sizeof(logins[0]); k++) {
		struct client *cl = client_new();
		char *tok;
		ck_assert_int_eq(login_as(cl, &srv, logins[k], DEMO_PW), 303);
		tok = client_cookie(cl, "xs_session");
		snprintf(seen_token, sizeof(seen_token), "%s", tok ? tok : "");
		free(tok);
		for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
			struct reply r;
			char path[128];
			snprintf(path, sizeof(path), "%s?format=xml", pages[i]);
			ck_assert_int_eq(client_do(cl, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
			assert_no_secret(path, r.body);
			reply_free(&r);
		}
		client_free(cl);
	}
	/* Every log the server wrote, and the audit table. */
	snprintf(cmd, sizeof(cmd), "cat %s/logs/*.log", srv.dir);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(buf, 1, sizeof(buf) - 1, p)) > 0) {
		buf[n] = '\0';
		assert_no_secret("a log", buf);
	}
	pclose(p);
	/* every row, its columns joined by '|' as the sqlite3 shell prints them (either engine) */
	{
		char *audit = srv_rows(&srv, "SELECT * FROM audit");

		ck_assert_ptr_nonnull(audit);
		ck_assert_int_gt(strlen(audit), 0);
		assert_no_secret("the audit log", audit);
		free(audit);
	}
}
END_TEST

/*
 * A school's teachers share one address. After 30 wrong passwords from it
 * the address waits; attempts refused meanwhile must not renew the wait,
 * and once the wait is over the right password works.
 */
START_TEST(test_address_throttle_does_not_renew_itself)
{
	struct client *cl = client_new();
	struct reply r;
	char body[300], *token = csrf_token(cl, &srv), *code;
	xmlDocPtr d;
	long long failures, last;

	ck_assert_int_eq(srv_sql(&srv, "DELETE FROM login_failure"), 0);
	/* 30 wrong passwords, 3 for each of 10 accounts: none of them is slowed. */
	for (int i = 0; i < 30; i++) {
		snprintf(body, sizeof(body), "login=WTQ%05d&password=wrong-%d&csrf=%s",
		    10 + i % 10, i, token);
		ck_assert_int_eq(client_do(cl, &srv, "POST", "/login?format=xml",
		    "application/x-www-form-urlencoded", body, strlen(body), NULL, &r), 0);
		ck_assert_int_eq(r.status, 200);
		reply_free(&r);
	}
	failures = srv_int(&srv, "SELECT count(*) FROM login_failure");
	last = srv_int(&srv, "SELECT max(at) FROM login_failure");
	ck_assert_int_eq(failures, 30);
	/* Now the address waits, even with the right password of another account. */
	for (int i = 0; i < 5; i++) {
		snprintf(body, sizeof(body), "login=%s&password=%s&csrf=%s",
		    i == 0 ? "wtq-zg-leader" : "WTQ00030", i == 0 ? DEMO_PW : "wrong", token);
		ck_assert_int_eq(client_do(cl, &srv, "POST", "/login?format=xml",
		    "application/x-www-form-urlencoded", body, strlen(body), NULL, &r), 0);
		ck_assert_int_eq(r.status, 429);
		d = reply_xml(&r);
		code = xpath_string(d, "/page/form/form-error/@code");
		ck_assert_str_eq(code, "login_slowed");
		free(code);
		xmlFreeDoc(d);
		reply_free(&r);
	}
	/* The refused attempts were not counted and did not move the wait. */
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM login_failure"), 30);
	ck_assert_int_eq(srv_int(&srv, "SELECT max(at) FROM login_failure"), last);
	/* Nor did they count against the refused account. */
	ck_assert_int_eq(srv_int(&srv, "SELECT failed_logins FROM account WHERE login = 'wtq-zg-leader'"), 0);
	/* The wait (60 s after the last checked failure) passes: the right password works. */
	ck_assert_int_eq(srv_sql(&srv, "UPDATE login_failure SET at = at - 61"), 0);
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-leader", DEMO_PW), 303);
	code = client_cookie(cl, "xs_session");
	ck_assert_ptr_nonnull(code);
	free(code);
	/* Leave the address clean for the tests after this one. */
	ck_assert_int_eq(srv_sql(&srv, "DELETE FROM login_failure;"
	    " UPDATE account SET failed_logins = 0, locked_until = 0, last_failed_at = 0"), 0);
	free(token);
	client_free(cl);
}
END_TEST

/* Last: it leaves this client address throttled for a minute. */
START_TEST(test_hundred_wrong_passwords_slowed_then_locked)
{
	struct client *cl = client_new();
	int bad = 0, slowed = 0, locked = 0;
	struct reply r;
	char body[300], *token = csrf_token(cl, &srv), *code;
	xmlDocPtr d;

	for (int i = 0; i < 100; i++) {
		snprintf(body, sizeof(body), "login=wtq-sx-leader&password=wrong-%d&csrf=%s", i, token);
		ck_assert_int_eq(client_do(cl, &srv, "POST", "/login?format=xml",
		    "application/x-www-form-urlencoded", body, strlen(body), NULL, &r), 0);
		d = reply_xml(&r);
		code = xpath_string(d, "/page/form/form-error/@code");
		if (strcmp(code, "login_bad") == 0) {
			ck_assert_int_eq(r.status, 200);
			ck_assert_int_eq(locked, 0); /* never checked again once locked */
			bad++;
		} else if (strcmp(code, "login_slowed") == 0) {
			ck_assert_int_eq(r.status, 429);
			slowed++;
		} else if (strcmp(code, "login_locked") == 0) {
			ck_assert_int_eq(r.status, 429);
			locked++;
		} else
			ck_abort_msg("unexpected answer %ld %s", r.status, code);
		free(code);
		xmlFreeDoc(d);
		reply_free(&r);
	}
	/*
	 * The first four are checked; after that each attempt waits for its
	 * back-off (a slow machine may let one more be checked), and every
	 * attempt counts, so the tenth failure locks the account.
	 */
	ck_assert_int_ge(bad, 4);
	ck_assert_int_le(bad, 9);
	ck_assert_int_ge(slowed + bad, 10 - 1);
	ck_assert_int_ge(locked, 80);
	/* The right password during the lockout is refused. */
	snprintf(body, sizeof(body), "login=wtq-sx-leader&password=%s&csrf=%s", DEMO_PW, token);
	ck_assert_int_eq(client_do(cl, &srv, "POST", "/login?format=xml",
	    "application/x-www-form-urlencoded", body, strlen(body), NULL, &r), 0);
	ck_assert_int_eq(r.status, 429);
	d = reply_xml(&r);
	code = xpath_string(d, "/page/form/form-error/@code");
	ck_assert_str_eq(code, "login_locked");
	free(code);
	xmlFreeDoc(d);
	reply_free(&r);
	ck_assert_ptr_null(client_cookie(cl, "xs_session"));
	free(token);
	client_free(cl);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("auth");
	TCase *tc = tcase_create("accounts through nginx");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_login_and_logout);
	tcase_add_test(tc, test_wrong_password_says_so_in_chinese);
	tcase_add_test(tc, test_post_without_csrf_or_from_elsewhere_is_refused);
	tcase_add_test(tc, test_new_account_must_change_password_first);
	tcase_add_test(tc, test_one_time_password_never_in_xml);
	tcase_add_test(tc, test_password_change_and_disable_end_sessions);
	tcase_add_test(tc, test_school_admin_handover_is_audited_for_the_district);
	tcase_add_test(tc, test_no_secret_in_xml_logs_or_audit);
	tcase_add_test(tc, test_address_throttle_does_not_renew_itself);
	tcase_add_test(tc, test_hundred_wrong_passwords_slowed_then_locked);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	/* The tests share one server and build on each other's state: no fork. */
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
