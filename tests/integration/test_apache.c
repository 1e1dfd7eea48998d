/*
 * test_apache.c - the programs behind a real Apache 2.4, configured with the
 * site files we ship: deploy/apache/xueshi-fcgid.conf (mod_fcgid, the
 * program on a socket passed as fd 0) and deploy/apache/xueshi-cgi.conf
 * (plain CGI, one process per request). Each file is copied into a
 * temporary ServerRoot with its installed paths replaced by the build's,
 * wrapped in a minimal main config (Listen on a free loopback port, the
 * modules it needs) and run with `apache2 -f CONF -DFOREGROUND`.
 *
 * What Apache serves and runs is staged in that directory too (programs in
 * libexec/, xsl/, db/ and htdocs/ in share/, made world-readable; under
 * root the directory is in /tmp and belongs to www-data), so the suite
 * passes wherever the checkout lies: below a directory www-data cannot
 * traverse (root's 0700 home on Debian) as well. The main config also says
 * `AllowOverride None` for / (as Debian's apache2.conf does), so Apache
 * never looks for .htaccess files in the directories above.
 *
 * apache2 and libapache2-mod-fcgid are required packages (xueshi.sh installs
 * them): when they are missing every test fails and says so, it never skips.
 * XUESHI_APACHE names another apache2 binary, XUESHI_APACHE_MODULES another
 * module directory.
 */
#include "harness.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum site { SITE_FCGID, SITE_CGI, SITE__MAX };

static const char *const site_file[SITE__MAX] = {
	"deploy/apache/xueshi-fcgid.conf",
	"deploy/apache/xueshi-cgi.conf",
};

/* The module each site needs besides the common ones. */
static const char *const site_module[SITE__MAX] = { "fcgid", "cgid" };

static const char *const common_modules[] = {
	"mpm_event", "authz_core", "mime", "alias", "env", "headers", "reqtimeout",
	"rewrite",
};

struct apache {
	struct server s;       /* dir, port, base; s.pid is apache2's parent */
	char why[8192];        /* why it did not start, for the tests to say */
	int started;
};

static struct apache ap[SITE__MAX];
static int sanitizer_reports;

static const char *
apache_bin(void)
{
	const char *v = getenv("XUESHI_APACHE");
	return v != NULL && *v != '\0' ? v : "/usr/sbin/apache2";
}

static const char *
module_dir(void)
{
	const char *v = getenv("XUESHI_APACHE_MODULES");
	return v != NULL && *v != '\0' ? v : "/usr/lib/apache2/modules";
}

static int
free_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return port;
}

/* Run argv with stdout and stderr to out (or inherited), wait: its exit status or -1. */
static int
run_wait(char *const argv[], const char *out)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(out != NULL ? out : "/dev/null",
		    O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			if (out != NULL)
				dup2(fd, 2);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The whole file, NUL-terminated (free it), or NULL. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (p = malloc((size_t)n + 1)) != NULL) {
		if (fread(p, 1, (size_t)n, f) != (size_t)n) {
			free(p);
			p = NULL;
		} else
			p[n] = '\0';
	}
	fclose(f);
	return p;
}

static int
spill(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (f == NULL)
		return -1;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/*
 * Replace every occurrence of from in *text by to (*text is reallocated).
 * Returns the number of replacements, or -1 when out of memory.
 */
static int
replace_all(char **text, const char *from, const char *to)
{
	size_t nf = strlen(from), nt = strlen(to), count = 0, len;
	const char *p;
	char *out, *w;

	for (p = *text; (p = strstr(p, from)) != NULL; p += nf)
		count++;
	if (count == 0)
		return 0;
	len = strlen(*text) - count * nf + count * nt;
	if ((out = malloc(len + 1)) == NULL)
		return -1;
	w = out;
	for (p = *text;;) {
		const char *hit = strstr(p, from);
		if (hit == NULL) {
			strcpy(w, p);
			break;
		}
		memcpy(w, p, (size_t)(hit - p));
		w += hit - p;
		memcpy(w, to, nt);
		w += nt;
		p = hit + nf;
	}
	free(*text);
	*text = out;
	return (int)count;
}

/* An absolute form of a directory from the environment. */
static void
abs_dir(const char *dir, char *out, size_t outlen)
{
	char buf[PATH_MAX];

	if (realpath(dir, buf) != NULL)
		snprintf(out, outlen, "%s", buf);
	else
		snprintf(out, outlen, "%s", dir);
}

/*
 * The site file with its installed paths replaced by the build's. Each path
 * must occur: a site file that drifts from the layout fails here, loudly.
 */
static char *
site_config(struct apache *a, enum site which, const char *src, const char *share,
    const char *libexec)
{
	char path[PATH_MAX + 64], vhost[64];
	char *text;
	const struct { const char *from, *to; } subst[] = {
		{ "<VirtualHost *:80>", vhost },
		{ "/usr/local/libexec/xueshi", libexec },
		{ "/usr/local/share/xueshi", share },
		{ "/var/lib/xueshi", a->s.dir },
	};

	snprintf(path, sizeof(path), "%s/%s", src, site_file[which]);
	snprintf(vhost, sizeof(vhost), "<VirtualHost 127.0.0.1:%d>", a->s.port);
	if ((text = slurp(path)) == NULL) {
		snprintf(a->why, sizeof(a->why), "cannot read %s", path);
		return NULL;
	}
	for (size_t i = 0; i < sizeof(subst) / sizeof(subst[0]); i++) {
		int n = replace_all(&text, subst[i].from, subst[i].to);
		if (n <= 0) {
			snprintf(a->why, sizeof(a->why), "%s: %s", site_file[which],
			    n < 0 ? "out of memory" : "no longer holds the path");
			if (n == 0)
				snprintf(a->why + strlen(a->why), sizeof(a->why) - strlen(a->why),
				    " %s the test replaces", subst[i].from);
			free(text);
			return NULL;
		}
	}
	return text;
}

/* The main config around the site: the server itself, modules, temporary paths. */
static int
main_config(struct apache *a, enum site which, const char *conf, const char *site_path,
    const struct passwd *pw)
{
	const char *d = a->s.dir, *asan = getenv("ASAN_OPTIONS");
	const char *ubsan = getenv("UBSAN_OPTIONS");
	FILE *f = fopen(conf, "w");

	if (f == NULL)
		return -1;
	fprintf(f,
	    "# Written by tests/integration/test_apache.c\n"
	    "ServerRoot \"%s\"\n"
	    "ServerName 127.0.0.1\n"
	    "Listen 127.0.0.1:%d\n"
	    "PidFile \"%s/run/httpd.pid\"\n"
	    "DefaultRuntimeDir \"%s/run\"\n"
	    "ErrorLog \"%s/logs/error.log\"\n"
	    "LogLevel warn\n"
	    "LogFormat \"%%h %%l %%u %%t \\\"%%r\\\" %%>s %%b \\\"%%{Referer}i\\\" "
	    "\\\"%%{User-Agent}i\\\"\" combined\n"
	    "Define APACHE_LOG_DIR \"%s/logs\"\n"
	    "Timeout 30\n"
	    "KeepAlive On\n"
	    "StartServers 1\n"
	    "ServerLimit 2\n"
	    "ThreadsPerChild 8\n"
	    "MaxRequestWorkers 16\n"
	    "MinSpareThreads 1\n"
	    "MaxSpareThreads 16\n"
	    "GracefulShutdownTimeout 5\n"
	    "<Directory />\n"
	    "\tAllowOverride None\n"
	    "\tRequire all denied\n"
	    "</Directory>\n",
	    d, a->s.port, d, d, d, d);
	if (pw != NULL)
		fprintf(f, "User %s\nGroup #%ld\n", pw->pw_name, (long)pw->pw_gid);
	for (size_t i = 0; i < sizeof(common_modules) / sizeof(common_modules[0]); i++)
		fprintf(f, "LoadModule %s_module %s/mod_%s.so\n", common_modules[i],
		    module_dir(), common_modules[i]);
	fprintf(f, "LoadModule %s_module %s/mod_%s.so\n", site_module[which],
	    module_dir(), site_module[which]);
	fprintf(f,
	    "TypesConfig /dev/null\n"
	    "AddType text/css .css\n"
	    "AddType application/javascript .js\n");
	if (which == SITE_FCGID)
		fprintf(f,
		    "FcgidIPCDir \"%s/fcgid\"\n"
		    "FcgidProcessTableFile \"%s/fcgid/shm\"\n", d, d);
	else
		fprintf(f, "ScriptSock \"%s/run/cgid.sock\"\n", d);
	/* A sanitizer build's programs report to Apache's error log as they would to make check. */
	if (asan != NULL && *asan != '\0')
		fprintf(f, which == SITE_FCGID ? "FcgidInitialEnv ASAN_OPTIONS \"%s\"\n" :
		    "SetEnv ASAN_OPTIONS \"%s\"\n", asan);
	if (ubsan != NULL && *ubsan != '\0')
		fprintf(f, which == SITE_FCGID ? "FcgidInitialEnv UBSAN_OPTIONS \"%s\"\n" :
		    "SetEnv UBSAN_OPTIONS \"%s\"\n", ubsan);
	fprintf(f, "Include \"%s\"\n", site_path);
	return fclose(f) == 0 ? 0 : -1;
}

/* Print the logs of a's Apache to stderr (for a failure to start). */
static void
dump_logs(const struct apache *a)
{
	static const char *const names[] = { "apache.out", "error.log", "xueshi-error.log" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[1024];
		char *text;
		snprintf(path, sizeof(path), "%s/logs/%s", a->s.dir, names[i]);
		if ((text = slurp(path)) != NULL && *text != '\0')
			fprintf(stderr, "---- %s\n%s", path, text);
		free(text);
	}
}

/*
 * Under root Apache's children run as www-data (Apache refuses root): they
 * must own the state directory, the database and its directories.
 */
static int
give_state_to(const struct apache *a, const struct passwd *pw)
{
	static const char *const sub[] = {
		"", "/logs", "/run", "/fcgid", "/tmp", "/evidence",
		"/xueshi.db", "/xueshi.db-wal", "/xueshi.db-shm",
	};

	for (size_t i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s%s", a->s.dir, sub[i]);
		if (chown(path, pw->pw_uid, pw->pw_gid) != 0 && errno != ENOENT)
			return -1;
	}
	return 0;
}

/*
 * Copy what Apache serves and runs into a->s.dir: the programs into
 * libexec/, xsl/, db/ and htdocs/ of the source tree into share/, every
 * file world-readable and every directory world-traversable. The paths
 * go to libexec and share (PATH_MAX each).
 */
static int
stage_files(struct apache *a, const char *src, const char *build, char *libexec, char *share)
{
	static const char *const programs[] = {
		"xueshi-auth", "xueshi-teacher", "xueshi-school", "xueshi-district",
	};
	static const char *const data[] = { "xsl", "db", "htdocs" };
	char from[PATH_MAX + 64];

	snprintf(libexec, PATH_MAX, "%s/libexec", a->s.dir);
	snprintf(share, PATH_MAX, "%s/share", a->s.dir);
	if (mkdir(libexec, 0755) != 0 || mkdir(share, 0755) != 0) {
		snprintf(a->why, sizeof(a->why), "mkdir in %s: %s", a->s.dir, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < sizeof(programs) / sizeof(programs[0]); i++) {
		snprintf(from, sizeof(from), "%s/%s", build, programs[i]);
		char *argv[] = { "/bin/cp", from, libexec, NULL };
		if (run_wait(argv, NULL) != 0) {
			snprintf(a->why, sizeof(a->why), "cannot copy %.1000s to %.1000s", from, libexec);
			return -1;
		}
	}
	for (size_t i = 0; i < sizeof(data) / sizeof(data[0]); i++) {
		snprintf(from, sizeof(from), "%s/%s", src, data[i]);
		char *argv[] = { "/bin/cp", "-R", from, share, NULL };
		if (run_wait(argv, NULL) != 0) {
			snprintf(a->why, sizeof(a->why), "cannot copy %.1000s to %.1000s", from, share);
			return -1;
		}
	}
	{
		/* Apache's Chinese 413 page (ErrorDocument), as make install writes it. */
		char script[PATH_MAX + 64], errors[PATH_MAX + 16];
		snprintf(script, sizeof(script), "%s/deploy/error-pages.sh", src);
		snprintf(errors, sizeof(errors), "%s/errors", share);
		char *argv[] = { "/bin/sh", script, share, errors, NULL };
		if (run_wait(argv, NULL) != 0) {
			snprintf(a->why, sizeof(a->why), "%.1000s failed", script);
			return -1;
		}
	}
	{
		char *argv[] = { "/bin/chmod", "-R", "a+rX", libexec, share, NULL };
		if (run_wait(argv, NULL) != 0) {
			snprintf(a->why, sizeof(a->why), "chmod -R a+rX %.1000s %.1000s failed", libexec, share);
			return -1;
		}
	}
	return 0;
}

/* Start Apache with site which; on failure a->why says why (and the logs are printed). */
static int
apache_start(struct apache *a, enum site which)
{
	char src[PATH_MAX], build[PATH_MAX], path[1024], conf[1024], site_path[1024];
	char ctl[PATH_MAX + 16], db[1024], modpath[1024], libexec[PATH_MAX], share[PATH_MAX];
	const char *tmp = getenv("TMPDIR");
	const struct passwd *pw = NULL;
	char *site = NULL;

	memset(a, 0, sizeof(*a));
	if (access(apache_bin(), X_OK) != 0) {
		snprintf(a->why, sizeof(a->why), "%s is missing: install the Debian packages "
		    "apache2 and libapache2-mod-fcgid (./xueshi.sh test installs them)",
		    apache_bin());
		return -1;
	}
	snprintf(modpath, sizeof(modpath), "%s/mod_fcgid.so", module_dir());
	if (access(modpath, R_OK) != 0) {
		snprintf(a->why, sizeof(a->why), "%s is missing: install the Debian package "
		    "libapache2-mod-fcgid", modpath);
		return -1;
	}
	abs_dir(env_srcdir(), src, sizeof(src));
	abs_dir(env_builddir(), build, sizeof(build));
	/* Under root Apache's children (www-data) must reach it: /tmp, not $TMPDIR. */
	snprintf(a->s.dir, sizeof(a->s.dir), "%s/xs-apache-XX" "XX" "XX",
	    geteuid() != 0 && tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(a->s.dir) == NULL) {
		snprintf(a->why, sizeof(a->why), "mkdtemp %s: %s", a->s.dir, strerror(errno));
		a->s.dir[0] = '\0';
		return -1;
	}
	{
		static const char *const sub[] = { "logs", "run", "fcgid", "tmp", "evidence" };
		for (size_t i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
			snprintf(path, sizeof(path), "%s/%s", a->s.dir, sub[i]);
			if (mkdir(path, 0750) != 0) {
				snprintf(a->why, sizeof(a->why), "mkdir %s: %s", path, strerror(errno));
				return -1;
			}
		}
	}

	if (stage_files(a, src, build, libexec, share) != 0)
		return -1;

	/* The demo database, as the site expects it in /var/lib/xueshi. */
	snprintf(ctl, sizeof(ctl), "%s/xueshictl", build);
	snprintf(db, sizeof(db), "%s/xueshi.db", a->s.dir);
	snprintf(path, sizeof(path), "%s/logs/xueshictl.out", a->s.dir);
	setenv("XUESHI_DATADIR", src, 1);
	{
		char *argv[] = { ctl, "demo", db, "--preset-years", NULL };
		if (run_wait(argv, path) != 0) {
			snprintf(a->why, sizeof(a->why), "%s demo %s failed (see %s)", ctl, db, path);
			return -1;
		}
	}

	if (geteuid() == 0) {
		pw = getpwnam("www-data");
		if (pw == NULL)
			pw = getpwnam("nobody");
		if (pw == NULL) {
			snprintf(a->why, sizeof(a->why), "running as root and neither www-data "
			    "nor nobody exists for Apache's children");
			return -1;
		}
		if (give_state_to(a, pw) != 0) {
			snprintf(a->why, sizeof(a->why), "chown to %s: %s", pw->pw_name, strerror(errno));
			return -1;
		}
	}

	a->s.port = free_port();
	if (a->s.port <= 0) {
		snprintf(a->why, sizeof(a->why), "no free port");
		return -1;
	}
	snprintf(a->s.base, sizeof(a->s.base), "http://127.0.0.1:%d", a->s.port);
	if ((site = site_config(a, which, src, share, libexec)) == NULL)
		return -1;
	snprintf(site_path, sizeof(site_path), "%s/site.conf", a->s.dir);
	snprintf(conf, sizeof(conf), "%s/httpd.conf", a->s.dir);
	if (spill(site_path, site) != 0 || main_config(a, which, conf, site_path, pw) != 0) {
		free(site);
		snprintf(a->why, sizeof(a->why), "cannot write %s", conf);
		return -1;
	}
	free(site);

	snprintf(path, sizeof(path), "%s/logs/apache.out", a->s.dir);
	a->s.pid = fork();
	if (a->s.pid < 0) {
		a->s.pid = 0;
		snprintf(a->why, sizeof(a->why), "fork: %s", strerror(errno));
		return -1;
	}
	if (a->s.pid == 0) {
		/* Its own process group: every process it starts can be found and stopped. */
		int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
		setpgid(0, 0);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		execl(apache_bin(), "apache2", "-f", conf, "-DFOREGROUND", (char *)NULL);
		_exit(127);
	}
	setpgid(a->s.pid, a->s.pid);

	/* Up to 30 s for the home page (a sanitizer build starts slowly). */
	for (int i = 0; i < 300; i++) {
		struct reply r;
		int st, ok;
		if (waitpid(a->s.pid, &st, WNOHANG) == a->s.pid) {
			a->s.pid = 0;
			snprintf(a->why, sizeof(a->why), "apache2 -f %s exited at once (logs above)", conf);
			dump_logs(a);
			return -1;
		}
		ok = http_do(&a->s, "GET", "/?format=xml", NULL, NULL, 0, NULL, &r) == 0 &&
		    r.status == 200;
		reply_free(&r);
		if (ok) {
			a->started = 1;
			return 0;
		}
		usleep(100 * 1000);
	}
	snprintf(a->why, sizeof(a->why), "Apache (%s) did not answer on %s within 30 s (logs above)",
	    site_file[which], a->s.base);
	dump_logs(a);
	return -1;
}

/* Stop Apache and everything it started; look for sanitizer reports; remove the directory. */
static void
apache_stop(struct apache *a)
{
	pid_t group = a->s.pid;
	int st;

	if (group > 0) {
		/* SIGTERM: Apache stops at once and stops its FastCGI processes. */
		kill(group, SIGTERM);
		for (int i = 0; i < 300; i++) {
			if (waitpid(group, &st, WNOHANG) == group) {
				a->s.pid = 0;
				break;
			}
			usleep(50 * 1000);
		}
		if (a->s.pid > 0) {
			fprintf(stderr, "test_apache: apache2 did not stop in 15 s, killing it\n");
			kill(-group, SIGKILL);
			waitpid(group, &st, 0);
			a->s.pid = 0;
		}
		for (int i = 0; i < 100 && kill(-group, 0) == 0; i++)
			usleep(50 * 1000);
		kill(-group, SIGKILL);
	}
	if (a->s.dir[0] != '\0') {
		/* The programs' stderr is in Apache's error logs. */
		char cmd[1400];
		snprintf(cmd, sizeof(cmd), "grep -n -E 'Sanitizer|runtime error' %s/logs/*.log 2>/dev/null",
		    a->s.dir);
		if (system(cmd) == 0) {
			fprintf(stderr, "test_apache: the programs' logs hold the reports above\n");
			sanitizer_reports++;
		}
		if (getenv("XUESHI_KEEP_TEST_DIR") == NULL) {
			char *argv[] = { "/bin/rm", "-rf", a->s.dir, NULL };
			run_wait(argv, NULL);
		} else
			fprintf(stderr, "test_apache: kept %s\n", a->s.dir);
	}
}

static void setup_fcgid(void) { apache_start(&ap[SITE_FCGID], SITE_FCGID); }
static void teardown_fcgid(void) { apache_stop(&ap[SITE_FCGID]); }
static void setup_cgi(void) { apache_start(&ap[SITE_CGI], SITE_CGI); }
static void teardown_cgi(void) { apache_stop(&ap[SITE_CGI]); }

/* The Apache of this test's TCase: Check's loop index is the site. */
static const struct server *
site_server(int which)
{
	ck_assert_msg(ap[which].started, "Apache with %s did not start: %s",
	    site_file[which], ap[which].why);
	return &ap[which].s;
}

static struct reply
get(const struct server *s, const char *path)
{
	struct reply r;

	ck_assert_msg(http_do(s, "GET", path, NULL, NULL, 0, NULL, &r) == 0,
	    "no answer to GET %s from %s", path, s->base);
	return r;
}

START_TEST(test_home_html_in_chinese)
{
	const struct server *s = site_server(_i);
	struct reply r = get(s, "/");
	char *ct = reply_header(&r, "Content-Type");

	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(ct);
	ck_assert_str_eq(ct, "text/html; charset=utf-8");
	ck_assert(reply_contains(&r, "<html lang=\"zh-CN\""));
	ck_assert(reply_contains(&r, "五通桥区"));
	free(ct);
	reply_free(&r);
}
END_TEST

START_TEST(test_home_xml_lists_two_districts)
{
	const struct server *s = site_server(_i);
	struct reply r = get(s, "/?format=xml");
	xmlDocPtr d;
	char *v;

	ck_assert_int_eq(r.status, 200);
	d = reply_xml(&r);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(xpath_long(d, "count(/page/districts/district)"), 2);
	/* The program saw the path "/" (PATH_INFO from ScriptAliasMatch). */
	v = xpath_string(d, "/page/request/@path");
	ck_assert_str_eq(v, "/");
	free(v);
	xmlFreeDoc(d);
	reply_free(&r);
}
END_TEST

START_TEST(test_unknown_path_is_404)
{
	const struct server *s = site_server(_i);
	struct reply r = get(s, "/no/such/page?format=xml");
	xmlDocPtr d = reply_xml(&r);
	char *v;

	ck_assert_int_eq(r.status, 404);
	v = xpath_string(d, "/page[@name='error']/error/@code");
	ck_assert_str_eq(v, "not_found");
	free(v);
	xmlFreeDoc(d);
	reply_free(&r);
}
END_TEST

START_TEST(test_bad_query_is_400)
{
	const struct server *s = site_server(_i);
	struct reply r = get(s, "/?a=%zz");

	ck_assert_int_eq(r.status, 400);
	reply_free(&r);
}
END_TEST

/* Each program is mounted so that it sees the whole path, as under nginx. */
START_TEST(test_programs_see_the_full_path)
{
	const struct server *s = site_server(_i);
	struct reply r = get(s, "/login?format=xml");
	xmlDocPtr d = reply_xml(&r);
	char *v;

	ck_assert_int_eq(r.status, 200);
	v = xpath_string(d, "/page/@name");
	ck_assert_str_eq(v, "login");
	free(v);
	v = xpath_string(d, "/page/request/@path");
	ck_assert_str_eq(v, "/login");
	free(v);
	xmlFreeDoc(d);
	reply_free(&r);

	/* xueshi-teacher answers /teacher: not logged in, to the login page and back. */
	r = get(s, "/teacher");
	ck_assert_int_eq(r.status, 303);
	v = reply_header(&r, "Location");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, "/login?next=/teacher");
	free(v);
	reply_free(&r);

	/* xueshi-district for its prefix, xueshi-auth (404) for a look-alike. */
	r = get(s, "/district/review");
	ck_assert_int_eq(r.status, 303);
	reply_free(&r);
	r = get(s, "/districts?format=xml");
	ck_assert_int_eq(r.status, 404);
	reply_free(&r);
}
END_TEST

START_TEST(test_static_files_served_by_apache)
{
	const struct server *s = site_server(_i);
	struct reply r = get(s, "/static/css/screen.css");
	char *v;

	ck_assert_int_eq(r.status, 200);
	v = reply_header(&r, "Content-Type");
	ck_assert_ptr_nonnull(v);
	ck_assert(strncmp(v, "text/css", 8) == 0);
	free(v);
	v = reply_header(&r, "X-Content-Type-Options");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, "nosniff");
	free(v);
	reply_free(&r);
}
END_TEST

/* A "Proxy:" request header is dropped before it can become HTTP_PROXY (httpoxy). */
START_TEST(test_proxy_header_is_harmless)
{
	const struct server *s = site_server(_i);
	const char *h[] = { "Proxy: http://127.0.0.1:9/", NULL };
	struct reply r;

	ck_assert_int_eq(http_do(s, "GET", "/?format=xml", NULL, NULL, 0, h, &r), 0);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
}
END_TEST

/* LimitRequestBody: 1 MB outside the upload routes, and Apache says 413 itself. */
START_TEST(test_big_body_outside_uploads_is_413)
{
	const struct server *s = site_server(_i);
	size_t n = 2u * 1024 * 1024;
	char *body = malloc(n);
	struct reply r;

	ck_assert_ptr_nonnull(body);
	memset(body, 'a', n);
	memcpy(body, "a=", 2);
	http_do(s, "POST", "/login", "application/x-www-form-urlencoded", body, n, NULL, &r);
	free(body);
	ck_assert_int_eq(r.status, 413);
	/* In Chinese, from the string table (error.upload_too_large). */
	ck_assert_msg(reply_contains(&r, "提交的内容超过了服务器允许的大小"), "%.300s", r.body);
	reply_free(&r);
}
END_TEST

/*
 * Only the declared length is sent: Apache must refuse at once, before the
 * program sees the request (mod_fcgid alone would pass it on bodiless).
 */
static int
declared_length_status(const struct server *s, const char *path, const char *length)
{
	char req[512];
	int n = snprintf(req, sizeof(req),
	    "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Content-Type: multipart/form-data; boundary=xsbound\r\n"
	    "Content-Length: %s\r\n\r\n", path, length);

	return raw_request(s, req, (size_t)n, 10000);
}

START_TEST(test_declared_length_over_limits_is_413)
{
	const struct server *s = site_server(_i);

	/* Over 1 MB outside the upload routes. */
	ck_assert_int_eq(declared_length_status(s, "/login", "1048577"), 413);
	ck_assert_int_eq(declared_length_status(s, "/teacher/records/7/submit", "2000000"), 413);
	/* Over 32 MB on an upload route. */
	ck_assert_int_eq(declared_length_status(s, "/teacher/records/new", "33554433"), 413);
	ck_assert_int_eq(declared_length_status(s, "/school/records/12/edit", "99999999999"), 413);
	ck_assert_int_eq(declared_length_status(s, "/school/bulk", "33554433"), 413);
	ck_assert_int_eq(declared_length_status(s, "/school/roster/import", "33554433"), 413);
	/* Look-alikes of upload routes are not upload routes. */
	ck_assert_int_eq(declared_length_status(s, "/school/bulkx", "2000000"), 413);
	ck_assert_int_eq(declared_length_status(s, "/school/roster/import/5/commit", "2000000"), 413);
}
END_TEST

/*
 * The declared length alone over 32 MB on an upload route: Apache's 413
 * (mod_rewrite under mod_fcgid, LimitRequestBody under CGI) carries the
 * Chinese page too. Reads the whole answer (the server closes).
 */
START_TEST(test_declared_413_is_in_chinese)
{
	const struct server *s = site_server(_i);
	struct sockaddr_in a;
	char req[512], buf[16384];
	size_t got = 0;
	int fd = socket(AF_INET, SOCK_STREAM, 0), n;

	ck_assert_int_ge(fd, 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)s->port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	n = snprintf(req, sizeof(req),
	    "POST /teacher/records/new HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
	    "Content-Type: multipart/form-data; boundary=xsbound\r\n"
	    "Content-Length: 33554433\r\n\r\n");
	ck_assert_int_eq(send(fd, req, (size_t)n, MSG_NOSIGNAL), n);
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t k;
		if (got >= sizeof(buf) - 1 || poll(&p, 1, 15000) <= 0)
			break;
		if ((k = recv(fd, buf + got, sizeof(buf) - 1 - got, 0)) <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	buf[got] = '\0';
	ck_assert_msg(strncmp(buf, "HTTP/1.1 413", 12) == 0, "%.200s", buf);
	ck_assert_msg(strstr(buf, "提交的内容超过了服务器允许的大小") != NULL, "%.600s", buf);
}
END_TEST

/*
 * Every upload route takes bodies over 1 MB: a 3 MB body reaches the
 * program (its answer carries the programs' Content-Security-Policy; not
 * logged in and malformed, it is a 4xx of its own, never Apache's 413).
 */
START_TEST(test_upload_routes_take_bodies_over_1m)
{
	static const char *const routes[] = {
		"/teacher/records/new", "/teacher/records/7/edit",
		"/school/records/new", "/school/records/12/edit",
		"/school/bulk", "/school/roster/import", "/district/years/3/catalogue/import",
	};
	const struct server *s = site_server(_i);
	size_t n = 3u * 1024 * 1024;
	char *body = malloc(n);

	ck_assert_ptr_nonnull(body);
	memset(body, 'x', n);
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		struct reply r;
		char *csp;
		ck_assert_int_eq(http_do(s, "POST", routes[i], "multipart/form-data; boundary=xsbound",
		    body, n, NULL, &r), 0);
		csp = reply_header(&r, "Content-Security-Policy");
		ck_assert_msg(r.status != 413 && r.status < 500 && csp != NULL,
		    "POST %s with 3 MB: %ld, want the program's answer", routes[i], r.status);
		free(csp);
		reply_free(&r);
	}
	free(body);
}
END_TEST

int
main(void)
{
	static void (*const setups[SITE__MAX])(void) = { setup_fcgid, setup_cgi };
	static void (*const teardowns[SITE__MAX])(void) = { teardown_fcgid, teardown_cgi };
	static const char *const names[SITE__MAX] = { "mod_fcgid", "plain CGI" };
	Suite *su = suite_create("apache");
	SRunner *sr;
	int failed;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	for (int w = 0; w < SITE__MAX; w++) {
		TCase *tc = tcase_create(names[w]);
		tcase_add_unchecked_fixture(tc, setups[w], teardowns[w]);
		tcase_set_timeout(tc, 120);
		tcase_add_loop_test(tc, test_home_html_in_chinese, w, w + 1);
		tcase_add_loop_test(tc, test_home_xml_lists_two_districts, w, w + 1);
		tcase_add_loop_test(tc, test_unknown_path_is_404, w, w + 1);
		tcase_add_loop_test(tc, test_bad_query_is_400, w, w + 1);
		tcase_add_loop_test(tc, test_programs_see_the_full_path, w, w + 1);
		tcase_add_loop_test(tc, test_static_files_served_by_apache, w, w + 1);
		tcase_add_loop_test(tc, test_proxy_header_is_harmless, w, w + 1);
		tcase_add_loop_test(tc, test_big_body_outside_uploads_is_413, w, w + 1);
		tcase_add_loop_test(tc, test_declared_length_over_limits_is_413, w, w + 1);
		tcase_add_loop_test(tc, test_upload_routes_take_bodies_over_1m, w, w + 1);
		tcase_add_loop_test(tc, test_declared_413_is_in_chinese, w, w + 1);
		suite_add_tcase(su, tc);
	}
	sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed == 0 && sanitizer_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
