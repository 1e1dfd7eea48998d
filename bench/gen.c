/*
 * gen.c - make a district-sized (or province-sized) xueshi database for the
 * benchmarks, from the shapes of cgi-bin/demo.c. Self-contained: SQLite and
 * libsodium only (bench/gen compiles it; see bench/README.md).
 *
 *   gen-bin district [--teachers N] [--schools M] [--first-school K]
 *                    [--per-year R] [--evidence distinct|shared] DB
 *   gen-bin province [--districts D] [--teachers N] [--schools M]
 *                    [--per-year R] [--evidence distinct|shared] DB
 *
 * DB must already hold the migrations and the wuhua preset (bench/gen runs
 * `xueshictl init` and `xueshictl preset DB wuhua` first). Everything is
 * added in one transaction; the random draws come from a fixed seed, so the
 * same arguments make the same database.
 */
#include <sodium.h>
#include <sqlite3.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEMO_PASSWORD "xueshi-demo-2026"   /* as cgi-bin/demo.h */
#define PRIOR_YEARS 4                      /* wuhua's cycle is 5 years */

static sqlite3 *db;
static uint64_t rng;
static long long cert_serial;
static int evidence_shared;

/* ------------------------------------------------------------- helpers */

static void
die(const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static int
pick(int n)
{
	return n > 0 ? (int)(rnd() % (uint32_t)n) : 0;
}

static void
exec(const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "gen: %s\n  in: %.200s\n", err, sql);
		exit(1);
	}
}

static sqlite3_stmt *
prep(const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		die(sql);
	return st;
}

static void
step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		die(sqlite3_sql(st));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static long long
one_int(const char *sql, long long a, const char *b)
{
	sqlite3_stmt *st = prep(sql);
	long long v = 0;

	sqlite3_bind_int64(st, 1, a);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* GB 11643-1999: the 18th character of a citizen ID number. */
static char
id_check_char(const char *id17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (id17[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

/* ---------------------------------------------------------------- words */

static const char *surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "罗", "高", "林", "彭", "曾", "谢", "唐", "邓" };
static const char *givens[] = { "子涵", "欣怡", "浩然", "雨桐", "思远", "静", "伟", "芳", "敏",
	"磊", "丽娟", "建华", "晓燕", "志强", "海燕", "俊杰", "婷", "红梅", "文博", "雪", "秀英",
	"国庆", "玉兰", "明", "春梅" };
static const char *subjects[] = { "语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理",
	"道德与法治", "音乐", "体育", "美术", "信息技术", "科学", "学前教育" };
static const char *titles[] = { "三级教师", "二级教师", "二级教师", "一级教师", "一级教师",
	"一级教师", "高级教师", "高级教师", "正高级教师" };
static const char *organisers[] = { "五华区基础教育科学研究中心", "昆明市教育科学研究院",
	"云南省教育厅", "学校教科室" };
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ------------------------------------------------------------ catalogue */

/* The items the generator registers, with their rule: claimed = hours x quantity
 * (per_unit), hours (once_per_certificate; trainee_multiplier for a trainee). */
enum { IT_XBPX, IT_ZTPX, IT_JYHD, IT_KWSJ, IT_XJSPX, IT_XZRZ, IT_ZYPS, IT_ZJSX, IT_YZKQJ,
	IT_FDXSQJ, IT_LWQJ3, IT_KWQJ, IT_ZK, IT__N };
static const char *item_codes[IT__N] = { "xbpx", "ztpx", "jyhd", "kw-sj", "xjspx", "xzrz",
	"zyps", "zjsx", "yzk-qj", "fdxs-qj", "lw-qj3", "kw-qj", "zk" };

struct year {
	long long id;
	int start;                /* calendar year of the first day (07-01) */
	long long item[IT__N];
	int hours[IT__N];
};

static void
load_items(struct year *y)
{
	sqlite3_stmt *st = prep("SELECT id, hours_tenths FROM item WHERE school_year_id = ? AND code = ?");

	for (int k = 0; k < IT__N; k++) {
		sqlite3_bind_int64(st, 1, y->id);
		sqlite3_bind_text(st, 2, item_codes[k], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			fprintf(stderr, "gen: no item %s in year %lld\n", item_codes[k], y->id);
			exit(1);
		}
		y->item[k] = sqlite3_column_int64(st, 0);
		y->hours[k] = sqlite3_column_int(st, 1);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

/* An earlier year of the cycle: the current year's policy and catalogue copied (as demo.c). */
static long long
prior_year(long long district, long long current, int start)
{
	static const char *sqls[] = {
	    "INSERT INTO policy (school_year_id, min_tenths, normative_min_tenths, new_teacher_tenths,"
	    " new_principal_tenths, cycle_years, cycle_min_tenths, flag_percent, points_reading,"
	    " terms_per_year)"
	    " SELECT ?2, min_tenths, normative_min_tenths, new_teacher_tenths,"
	    " new_principal_tenths, cycle_years, cycle_min_tenths, flag_percent, points_reading,"
	    " terms_per_year FROM policy WHERE school_year_id = ?1",
	    "INSERT INTO cap_group (school_year_id, code, name, cap_tenths)"
	    " SELECT ?2, code, name, cap_tenths FROM cap_group WHERE school_year_id = ?1",
	    "INSERT INTO item (school_year_id, code, category, name, hours_tenths, unit, conditions,"
	    " rule_type, params, normative, evidence_required, cap_tenths, cap_group_id, needs_project,"
	    " asks, sort_order)"
	    " SELECT ?2, i.code, i.category, i.name, i.hours_tenths, i.unit, i.conditions, i.rule_type,"
	    " i.params, i.normative, i.evidence_required, i.cap_tenths,"
	    " (SELECT n.id FROM cap_group n JOIN cap_group o ON o.code = n.code"
	    "   WHERE o.id = i.cap_group_id AND n.school_year_id = ?2),"
	    " i.needs_project, i.asks, i.sort_order FROM item i WHERE i.school_year_id = ?1",
	};
	sqlite3_stmt *st = prep("INSERT INTO school_year (district_id, label, starts_on, ends_on, is_current)"
	    " VALUES (?1, printf('%d-%d', ?2, ?2 + 1), printf('%d-07-01', ?2), printf('%d-06-30', ?2 + 1), 0)");
	long long id;

	sqlite3_bind_int64(st, 1, district);
	sqlite3_bind_int(st, 2, start);
	step_done(st);
	sqlite3_finalize(st);
	id = sqlite3_last_insert_rowid(db);
	for (int k = 0; k < 3; k++) {
		st = prep(sqls[k]);
		sqlite3_bind_int64(st, 1, current);
		sqlite3_bind_int64(st, 2, id);
		step_done(st);
		sqlite3_finalize(st);
	}
	return id;
}

/* A copy of the wuhua preset (district, current year, policy, caps, catalogue) as CODE. */
static void
copy_district(const char *code, const char *name)
{
	sqlite3_stmt *st;
	long long from_year, to_district, to_year;

	st = prep("INSERT INTO district (code, name, province, city, authority, self_registration)"
	    " SELECT ?1, ?2, province, city, ?2 || '教师发展中心', self_registration FROM district WHERE code = 'wuhua'");
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	step_done(st);
	sqlite3_finalize(st);
	to_district = sqlite3_last_insert_rowid(db);
	from_year = one_int("SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = ?2 AND y.is_current = ?1", 1, "wuhua");
	st = prep("INSERT INTO school_year (district_id, label, starts_on, ends_on, is_current,"
	    " register_deadline, school_review_deadline, district_review_deadline)"
	    " SELECT ?1, label, starts_on, ends_on, 1, register_deadline, school_review_deadline,"
	    " district_review_deadline FROM school_year WHERE id = ?2");
	sqlite3_bind_int64(st, 1, to_district);
	sqlite3_bind_int64(st, 2, from_year);
	step_done(st);
	sqlite3_finalize(st);
	to_year = sqlite3_last_insert_rowid(db);
	/* The catalogue as for an earlier year, then the year row's own. */
	{
		static const char *sqls[] = {
		    "INSERT INTO policy (school_year_id, min_tenths, normative_min_tenths, new_teacher_tenths,"
		    " new_principal_tenths, cycle_years, cycle_min_tenths, flag_percent, points_reading,"
		    " terms_per_year)"
		    " SELECT ?2, min_tenths, normative_min_tenths, new_teacher_tenths,"
		    " new_principal_tenths, cycle_years, cycle_min_tenths, flag_percent, points_reading,"
		    " terms_per_year FROM policy WHERE school_year_id = ?1",
		    "INSERT INTO cap_group (school_year_id, code, name, cap_tenths)"
		    " SELECT ?2, code, name, cap_tenths FROM cap_group WHERE school_year_id = ?1",
		    "INSERT INTO item (school_year_id, code, category, name, hours_tenths, unit, conditions,"
		    " rule_type, params, normative, evidence_required, cap_tenths, cap_group_id, needs_project,"
		    " asks, sort_order)"
		    " SELECT ?2, i.code, i.category, i.name, i.hours_tenths, i.unit, i.conditions, i.rule_type,"
		    " i.params, i.normative, i.evidence_required, i.cap_tenths,"
		    " (SELECT n.id FROM cap_group n JOIN cap_group o ON o.code = n.code"
		    "   WHERE o.id = i.cap_group_id AND n.school_year_id = ?2),"
		    " i.needs_project, i.asks, i.sort_order FROM item i WHERE i.school_year_id = ?1",
		};
		for (int k = 0; k < 3; k++) {
			st = prep(sqls[k]);
			sqlite3_bind_int64(st, 1, from_year);
			sqlite3_bind_int64(st, 2, to_year);
			step_done(st);
			sqlite3_finalize(st);
		}
	}
}

/* ------------------------------------------------------------- records */

static sqlite3_stmt *st_record, *st_teacher, *st_ty, *st_school, *st_sys;
static long long n_records, n_teacher_years, n_teachers;

struct gen_rec {
	int item;                 /* IT_* */
	int month, day, days;     /* start: month offset from July (0..11), day 1..28; length */
	int quantity;             /* 0: NULL */
	const char *role;
	int cert;                 /* 1: a certificate number (unique) and date */
	const char *cn;
	int first_author;         /* -1: NULL */
	const char *state;
};

static void
date_of(int year, int month_off, int day, char out[32])
{
	int m = 7 + month_off, y = year;

	if (m > 12) {
		m -= 12;
		y++;
	}
	snprintf(out, 32, "%04d-%02d-%02d", y, m, day);
}

static void
add_record(const struct year *y, long long ty, const struct gen_rec *r, const char *prefix)
{
	char start[32], end[32], cert[64], cn[32];
	int m = r->month, d = r->day + r->days, claimed;

	date_of(y->start, r->month, r->day, start);
	while (d > 28) {
		d -= 28;
		m++;
	}
	if (m > 11) {
		m = 11;
		d = 28;
	}
	date_of(y->start, m, d, end);
	switch (r->item) {
	case IT_XJSPX: case IT_XZRZ:        /* trainee_multiplier, a trainee */
	case IT_KWSJ: case IT_YZKQJ: case IT_FDXSQJ: case IT_LWQJ3: case IT_KWQJ:
		claimed = y->hours[r->item];   /* once_per_certificate */
		break;
	default:                            /* per_unit */
		claimed = y->hours[r->item] * (r->quantity > 0 ? r->quantity : 1);
	}
	sqlite3_bind_int64(st_record, 1, ty);
	sqlite3_bind_int64(st_record, 2, y->item[r->item]);
	sqlite3_bind_text(st_record, 3, start, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st_record, 4, end, -1, SQLITE_TRANSIENT);
	if (r->quantity > 0)
		sqlite3_bind_int(st_record, 5, r->quantity);
	if (r->role)
		sqlite3_bind_text(st_record, 6, r->role, -1, SQLITE_STATIC);
	if (r->cert) {
		snprintf(cert, sizeof(cert), "%s-%d-%07lld", prefix, y->start, ++cert_serial);
		sqlite3_bind_text(st_record, 7, cert, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st_record, 8, end, -1, SQLITE_TRANSIENT);
	} else
		sqlite3_bind_text(st_record, 7, "", -1, SQLITE_STATIC);
	if (r->cn) {
		snprintf(cn, sizeof(cn), "%s", r->cn);
		sqlite3_bind_text(st_record, 9, cn, -1, SQLITE_TRANSIENT);
	} else
		sqlite3_bind_text(st_record, 9, "", -1, SQLITE_STATIC);
	if (r->first_author >= 0)
		sqlite3_bind_int(st_record, 10, r->first_author);
	sqlite3_bind_text(st_record, 11, organisers[pick(N(organisers))], -1, SQLITE_STATIC);
	sqlite3_bind_int(st_record, 12, claimed);
	sqlite3_bind_text(st_record, 13, r->state, -1, SQLITE_STATIC);
	step_done(st_record);
	n_records++;
}

/* School states of the current year: 4 in 10 confirmed, 3 submitted, 3 open. */
enum { SS_CONFIRMED, SS_SUBMITTED, SS_OPEN };
static int
school_state_of(int si)
{
	int r = si % 10;
	return r < 4 ? SS_CONFIRMED : r < 7 ? SS_SUBMITTED : SS_OPEN;
}

/* The state of an ordinary record in a school whose year is in state ss (as demo.c). */
static const char *
record_state(int ss)
{
	static const char *open_states[] = { "draft", "submitted", "submitted", "returned",
		"school_approved", "school_approved", "district_approved" };
	int r;

	switch (ss) {
	case SS_CONFIRMED:
		return "district_approved";
	case SS_SUBMITTED:
		r = pick(12);
		return r < 4 ? "school_approved" : r == 4 ? "rejected" : "district_approved";
	default:
		return open_states[pick(7)];
	}
}

/* One teacher-year's records: the demo's wuhua shapes, then extras up to per_year. */
static void
teacher_year_records(const struct year *y, long long ty, const char *category, int prior,
    int ss, int per_year, const char *prefix)
{
	const char *fixed = prior ? "district_approved" : NULL;
#define ST() (fixed ? fixed : record_state(ss))
	struct gen_rec r;
	int n = 0, halves;

	if (!prior && strcmp(category, "new_teacher") == 0) {
		r = (struct gen_rec){ IT_XJSPX, 1, 1, 200, 0, "trainee", 1, NULL, -1, ST() };
		add_record(y, ty, &r, prefix);
		n++;
	} else if (!prior && strcmp(category, "new_principal") == 0) {
		r = (struct gen_rec){ IT_XZRZ, 1, 1, 250, 0, "trainee", 1, NULL, -1, ST() };
		add_record(y, ty, &r, prefix);
		n++;
	} else {
		r = (struct gen_rec){ IT_XBPX, 0, 1, 330, 1, NULL, 0, NULL, -1, ST() };
		add_record(y, ty, &r, prefix);
		n++;
	}
	halves = 4 + pick(3);
	r = (struct gen_rec){ IT_ZTPX, 2, 1 + pick(25), 1, halves, NULL, 0, NULL, -1, ST() };
	add_record(y, ty, &r, prefix);
	halves = 2 + pick(3);
	r = (struct gen_rec){ IT_JYHD, 4, 1 + pick(25), 1, halves, NULL, 0, NULL, -1, ST() };
	add_record(y, ty, &r, prefix);
	n += 2;
	if (!prior && pick(5) == 0) {
		char cn[32];
		snprintf(cn, sizeof(cn), "CN 53-%04d/G4", 1000 + pick(9000));
		r = (struct gen_rec){ IT_KWSJ, 7, 1 + pick(25), 0, 0, NULL, 1, cn, 1, ST() };
		add_record(y, ty, &r, prefix);
		n++;
	}
	/* Extras: the small items a busy teacher registers (per_unit and once per certificate). */
	for (; n < per_year; n++) {
		char cn[32];
		int month = pick(12), day = 1 + pick(27);
		switch (pick(7)) {
		case 0: r = (struct gen_rec){ IT_ZYPS, month, day, 0, 1 + pick(3), NULL, 0, NULL, -1, ST() }; break;
		case 1: r = (struct gen_rec){ IT_ZJSX, month, day, 0, 1 + pick(2), NULL, 0, NULL, -1, ST() }; break;
		case 2: r = (struct gen_rec){ IT_YZKQJ, month, day, 0, 0, NULL, 1, NULL, -1, ST() }; break;
		case 3: r = (struct gen_rec){ IT_FDXSQJ, month, day, 0, 0, NULL, 1, NULL, -1, ST() }; break;
		case 4: r = (struct gen_rec){ IT_LWQJ3, month, day, 0, 0, NULL, 1, NULL, 1, ST() }; break;
		case 5:
			snprintf(cn, sizeof(cn), "CN 53-%04d/G4", 1000 + pick(9000));
			r = (struct gen_rec){ IT_KWQJ, month, day, 0, 0, NULL, 1, cn, 1, ST() };
			break;
		default: r = (struct gen_rec){ IT_ZK, month, day, 0, 1, NULL, 0, NULL, -1, ST() }; break;
		}
		add_record(y, ty, &r, prefix);
	}
#undef ST
}

/* ------------------------------------------------------------ district */

struct opts {
	int teachers, schools, first_school, per_year;
	int prior_per_year;       /* records per earlier teacher-year */
};

static void
school_year_state(long long school, const struct year *y, int ss)
{
	static const char *names[] = { "confirmed", "submitted", "open" };
	char sub[32], conf[32];

	snprintf(sub, sizeof(sub), "%04d-08-28", y->start + 1);
	snprintf(conf, sizeof(conf), "%04d-09-20", y->start + 1);
	sqlite3_bind_int64(st_sys, 1, school);
	sqlite3_bind_int64(st_sys, 2, y->id);
	sqlite3_bind_text(st_sys, 3, names[ss], -1, SQLITE_STATIC);
	sqlite3_bind_text(st_sys, 4, sub, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st_sys, 5, conf, -1, SQLITE_TRANSIENT);
	step_done(st_sys);
}

/*
 * Fill district CODE (loaded, with its current year and catalogue): M
 * schools, N teachers, their five years of records. prefix makes school
 * codes, staff numbers and certificate numbers unique across districts.
 */
static void
populate(const char *code, const char *school_prefix, const char *staff_prefix,
    const char *region, const struct opts *o, int index)
{
	static const char *kinds[] = { "primary", "secondary", "kindergarten" };
	static const char *kind_names[] = { "小学", "中学", "幼儿园" };
	struct year years[1 + PRIOR_YEARS];
	long long district, *schools;
	char dname[128];
	int serial = 0;

	rng = 0x2021202220252026ULL ^ ((uint64_t)index * 0x9E3779B97F4A7C15ULL);
	for (int k = 0; k < 8; k++)
		rnd();
	district = one_int("SELECT id FROM district WHERE id = ?1 OR code = ?2 ORDER BY id LIMIT 1", 0, code);
	years[0].id = one_int("SELECT id FROM school_year WHERE district_id = ?1 AND is_current = 1", district, NULL);
	years[0].start = (int)one_int("SELECT CAST(substr(starts_on, 1, 4) AS INTEGER) FROM school_year WHERE id = ?1",
	    years[0].id, NULL);
	{
		sqlite3_stmt *st = prep("SELECT name FROM district WHERE id = ?");
		sqlite3_bind_int64(st, 1, district);
		if (sqlite3_step(st) != SQLITE_ROW)
			die("district");
		snprintf(dname, sizeof(dname), "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	/* The four earlier years of wuhua's five-year cycle, oldest first after the current. */
	for (int k = 1; k <= PRIOR_YEARS; k++) {
		years[k].start = years[0].start - k;
		years[k].id = prior_year(district, years[0].id, years[k].start);
	}
	for (int k = 0; k <= PRIOR_YEARS; k++)
		load_items(&years[k]);

	if ((schools = calloc((size_t)o->schools, sizeof(*schools))) == NULL)
		exit(1);
	for (int si = 0; si < o->schools; si++) {
		char scode[48], sname[160];
		snprintf(scode, sizeof(scode), "%s-s%03d", school_prefix, si + 1);
		snprintf(sname, sizeof(sname), "%s第%d%s", dname, si + 1, kind_names[si % 3]);
		sqlite3_bind_int64(st_school, 1, district);
		sqlite3_bind_text(st_school, 2, scode, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st_school, 3, sname, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st_school, 4, kinds[si % 3], -1, SQLITE_STATIC);
		step_done(st_school);
		schools[si] = sqlite3_last_insert_rowid(db);
		school_year_state(schools[si], &years[0], school_state_of(si));
		for (int k = 1; k <= PRIOR_YEARS; k++)
			school_year_state(schools[si], &years[k], SS_CONFIRMED);
	}

	for (int si = 0; si < o->schools; si++) {
		int count, rest = o->teachers - (o->first_school > 0 ? o->first_school : 0);
		int others = o->first_school > 0 ? o->schools - 1 : o->schools;
		int ss = school_state_of(si);
		if (o->first_school > 0 && si == 0)
			count = o->first_school;
		else {
			int j = o->first_school > 0 ? si - 1 : si;
			count = rest / others + (j < rest % others ? 1 : 0);
		}
		for (int i = 0; i < count; i++, serial++) {
			/* Birth date and serial from the teacher's number: unique ID numbers. */
			enum { NDATES = 32 * 12 * 28 };
			int t = serial, didx = (int)(((long long)t * 4099) % NDATES), hi = t / NDATES;
			int female = pick(2), r = pick(1000), age_y, mon, day;
			const char *category = "regular", *status = "in_post", *receiving = "";
			char name[64], id[19], staff[48], phone[16];
			long long teacher, ty;

			if (r < 30)
				category = "new_teacher";
			else if (r < 35)
				category = "new_principal";
			else if (r < 45) {
				status = "support_out";
				receiving = "凉山州美姑县民族中学";
			}
			/* Born 1966-1997 (new teachers 1998-2001, their sequence carrying the rest). */
			age_y = 1966 + didx / (12 * 28);
			mon = 1 + (didx / 28) % 12;
			day = 1 + didx % 28;
			if (strcmp(category, "new_teacher") == 0) {
				age_y = 1998 + (didx / (12 * 28)) % 4;
				hi = hi * 8 + didx / (12 * 28) / 4;
			}
			snprintf(id, sizeof(id), "%s%04d%02d%02d%02d%d", region, age_y, mon, day, hi % 100,
			    2 * pick(5) + (female ? 0 : 1));
			if (hi >= 100) {
				fprintf(stderr, "gen: too many teachers for unique ID numbers\n");
				exit(1);
			}
			id[17] = id_check_char(id);
			id[18] = '\0';
			snprintf(name, sizeof(name), "%s%s", surnames[pick(N(surnames))], givens[pick(N(givens))]);
			snprintf(staff, sizeof(staff), "%s%06d", staff_prefix, serial + 1);
			snprintf(phone, sizeof(phone), "13%d%08u", 5 + pick(5), rnd() % 100000000u);
			sqlite3_bind_int64(st_teacher, 1, district);
			sqlite3_bind_text(st_teacher, 2, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st_teacher, 3, female ? "F" : "M", -1, SQLITE_STATIC);
			sqlite3_bind_text(st_teacher, 4, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st_teacher, 5, staff, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st_teacher, 6, subjects[pick(N(subjects))], -1, SQLITE_STATIC);
			sqlite3_bind_text(st_teacher, 7, strcmp(category, "new_teacher") == 0 ? "" :
			    titles[pick(N(titles))], -1, SQLITE_STATIC);
			sqlite3_bind_text(st_teacher, 8, phone, -1, SQLITE_TRANSIENT);
			step_done(st_teacher);
			teacher = sqlite3_last_insert_rowid(db);
			n_teachers++;
			for (int k = 0; k <= PRIOR_YEARS; k++) {
				/* New teachers have no earlier years; earlier years are regular and in post. */
				if (k > 0 && strcmp(category, "new_teacher") == 0)
					break;
				sqlite3_bind_int64(st_ty, 1, teacher);
				sqlite3_bind_int64(st_ty, 2, years[k].id);
				sqlite3_bind_int64(st_ty, 3, schools[si]);
				sqlite3_bind_text(st_ty, 4, k == 0 ? category : "regular", -1, SQLITE_STATIC);
				sqlite3_bind_text(st_ty, 5, k == 0 ? status : "in_post", -1, SQLITE_STATIC);
				sqlite3_bind_text(st_ty, 6, k == 0 ? receiving : "", -1, SQLITE_STATIC);
				step_done(st_ty);
				ty = sqlite3_last_insert_rowid(db);
				n_teacher_years++;
				teacher_year_records(&years[k], ty, k == 0 ? category : "regular", k > 0,
				    k == 0 ? ss : SS_CONFIRMED, k == 0 ? o->per_year : o->prior_per_year,
				    staff_prefix);
			}
		}
	}
	free(schools);
}

static void
prepare_all(void)
{
	st_record = prep("INSERT INTO record (teacher_year_id, item_id, started_on, ended_on, quantity,"
	    " role, certificate_no, certificate_on, cn_number, first_author, organiser, claimed_tenths,"
	    " state, submitted_at, created_at, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " CASE WHEN ?13 = 'draft' THEN NULL ELSE ?4 END, ?4 || 'T08:00:00Z', ?4 || 'T08:00:00Z')");
	st_teacher = prep("INSERT INTO teacher (district_id, name, gender, id_number, staff_no, subject, title, phone)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	st_ty = prep("INSERT INTO teacher_year (teacher_id, school_year_id, school_id, category, status, receiving_unit)"
	    " VALUES (?, ?, ?, ?, ?, ?)");
	st_school = prep("INSERT INTO school (district_id, code, name, kind) VALUES (?, ?, ?, ?)");
	st_sys = prep("INSERT INTO school_year_state (school_id, school_year_id, state, submitted_at, confirmed_at)"
	    " VALUES (?1, ?2, ?3, CASE WHEN ?3 <> 'open' THEN ?4 END, CASE WHEN ?3 = 'confirmed' THEN ?5 END)");
}

/*
 * What every record handed in carries, set-wise after the records (much
 * faster than row by row): its evidence (one shared evidence_file row, or
 * one each; the pages need no file), and the reviews its state implies, as
 * demo.c writes them: school approve (school_approved, district_approved,
 * rejected), district approve or reject, school return; each dated the
 * record's last day. School reviews go in first, so a record's school
 * review has the smaller id.
 */
static void
evidence_and_reviews(void)
{
	static const char shared[] = "INSERT INTO evidence_file (sha256, size, content_type, stored_at)"
	    " VALUES ('5e1f0c3b9a7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f', 640,"
	    " 'application/pdf', '2021-07-01T08:00:00Z');"
	    "INSERT INTO evidence (record_id, sha256, filename, kind, uploaded_at)"
	    " SELECT id, '5e1f0c3b9a7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f',"
	    " '佐证材料.pdf', 'file', started_on || 'T09:00:00Z' FROM record WHERE state <> 'draft' ORDER BY id;";
	static const char distinct[] = "INSERT INTO evidence_file (sha256, size, content_type, stored_at)"
	    " SELECT printf('%064x', id), 640, 'application/pdf', started_on || 'T09:00:00Z'"
	    " FROM record WHERE state <> 'draft' ORDER BY id;"
	    "INSERT INTO evidence (record_id, sha256, filename, kind, uploaded_at)"
	    " SELECT id, printf('%064x', id), '佐证材料.pdf', 'file', started_on || 'T09:00:00Z'"
	    " FROM record WHERE state <> 'draft' ORDER BY id;";

	exec(evidence_shared ? shared : distinct);
	exec("INSERT INTO review (record_id, stage, decision, reason, at)"
	    " SELECT id, 'school', CASE state WHEN 'returned' THEN 'return' ELSE 'approve' END,"
	    "  CASE WHEN state <> 'returned' THEN ''"
	    "   WHEN id % 3 = 0 THEN '佐证材料不清晰，请重新上传结业证书照片'"
	    "   WHEN id % 3 = 1 THEN '活动日期与证书日期不一致，请核对后重新提交'"
	    "   ELSE '缺少签到表，请补充后提交' END, ended_on"
	    " FROM record WHERE state IN ('school_approved', 'district_approved', 'rejected', 'returned')"
	    " ORDER BY id;"
	    "INSERT INTO review (record_id, stage, decision, reason, at)"
	    " SELECT id, 'district', CASE state WHEN 'rejected' THEN 'reject' ELSE 'approve' END,"
	    "  CASE WHEN state <> 'rejected' THEN ''"
	    "   WHEN id % 2 = 0 THEN '该活动不在本学年时间范围内'"
	    "   ELSE '非国民教育系列学历进修，不予登记学时' END, ended_on"
	    " FROM record WHERE state IN ('district_approved', 'rejected') ORDER BY id;");
}

/* The accounts of demo.c: admin, each district's admin, each school's admin and leader, every teacher. */
static void
accounts(void)
{
	char hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt *st;

	if (crypto_pwhash_str(hash, DEMO_PASSWORD, strlen(DEMO_PASSWORD),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		fprintf(stderr, "gen: crypto_pwhash_str failed\n");
		exit(1);
	}
	st = prep("INSERT INTO account (login, display_name, role, district_id, school_id, teacher_id,"
	    " password_hash, must_change_password)"
	    " SELECT 'admin', 'admin', 'system_admin', NULL, NULL, NULL, ?1, 0"
	    " UNION ALL SELECT d.code || '-admin', d.authority, 'district_admin', d.id, NULL, NULL, ?1, 0"
	    "   FROM district d"
	    " UNION ALL SELECT s.code || '-admin', s.name, 'school_admin', s.district_id, s.id, NULL, ?1, 0"
	    "   FROM school s"
	    " UNION ALL SELECT s.code || '-leader', s.name, 'school_leader', s.district_id, s.id, NULL, ?1, 0"
	    "   FROM school s"
	    " UNION ALL SELECT t.staff_no, t.name, 'teacher', t.district_id, ty.school_id, t.id, ?1, 0"
	    "   FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
	    "   JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1");
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	step_done(st);
	sqlite3_finalize(st);
}

/*
 * The big tables' secondary indexes are dropped while the rows go in and
 * made again from their own definitions (sqlite_master) at the end: sorting
 * once is several times faster than keeping them up to date row by row.
 */
static char *index_sql[64];
static int n_index_sql;

static void
drop_indexes(void)
{
	/*
	 * The triggers that mark kept results (migration 0007) go too: the
	 * rows are generated whole, and every teacher-year is marked at the end
	 * for `xueshictl migrate` (bench/gen runs it) to compute once.
	 */
	sqlite3_stmt *st = prep("SELECT name, sql, type FROM sqlite_master WHERE ((type = 'index'"
	    " AND tbl_name IN ('record', 'review', 'evidence', 'teacher_year', 'teacher'))"
	    " OR (type = 'trigger' AND name LIKE '%dirty%')) AND sql IS NOT NULL");
	char *names[64];
	int n = 0;

	while (sqlite3_step(st) == SQLITE_ROW && n < 64) {
		names[n] = sqlite3_mprintf(strcmp((const char *)sqlite3_column_text(st, 2), "trigger") == 0 ?
		    "DROP TRIGGER \"%w\"" : "DROP INDEX \"%w\"", (const char *)sqlite3_column_text(st, 0));
		index_sql[n++] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	n_index_sql = n;
	for (int k = 0; k < n; k++) {
		exec(names[k]);
		sqlite3_free(names[k]);
	}
}

static void
restore_indexes(void)
{
	for (int k = 0; k < n_index_sql; k++) {
		exec(index_sql[k]);
		sqlite3_free(index_sql[k]);
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
phase(const char *what, double *t)
{
	double n = now();

	if (getenv("GEN_VERBOSE"))
		fprintf(stderr, "gen: %-16s %6.2f s\n", what, n - *t);
	*t = n;
}

static int
usage(void)
{
	fprintf(stderr,
	    "usage: gen district [--teachers 20000] [--schools 100] [--first-school N]\n"
	    "                    [--per-year 3] [--evidence distinct|shared] DB\n"
	    "       gen province [--districts 100] [--teachers 10000] [--schools 50]\n"
	    "                    [--per-year 4] [--evidence shared|distinct] DB\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct opts o = { 20000, 100, 0, 3, 3 };
	int province, districts = 100, i;
	double t0;
	const char *path = NULL;

	if (argc < 2)
		return usage();
	province = strcmp(argv[1], "province") == 0;
	if (!province && strcmp(argv[1], "district") != 0)
		return usage();
	evidence_shared = 1;
	if (province) {
		o.teachers = 10000;
		o.schools = 50;
		o.per_year = o.prior_per_year = 4;
	}
	for (i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--teachers") == 0 && v) o.teachers = atoi(v), i++;
		else if (strcmp(a, "--schools") == 0 && v) o.schools = atoi(v), i++;
		else if (strcmp(a, "--first-school") == 0 && v) o.first_school = atoi(v), i++;
		else if (strcmp(a, "--per-year") == 0 && v) o.per_year = o.prior_per_year = atoi(v), i++;
		else if (strcmp(a, "--districts") == 0 && v) districts = atoi(v), i++;
		else if (strcmp(a, "--evidence") == 0 && v) evidence_shared = strcmp(v, "shared") == 0, i++;
		else if (a[0] != '-' && path == NULL) path = a;
		else return usage();
	}
	if (path == NULL || o.teachers < 1 || o.schools < 1 || o.per_year < 3 || o.per_year > 50 ||
	    districts < 1 || districts > 999 || o.first_school < 0 ||
	    (o.first_school > 0 && (o.schools < 2 || o.first_school >= o.teachers ||
	    o.teachers - o.first_school < o.schools - 1)) || o.teachers < o.schools)
		return usage();
	if (sodium_init() < 0)
		return 1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		die(path);
	/* Bulk load: no journal, no sync; the database is thrown away on failure anyway. */
	exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
	    " PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF; PRAGMA locking_mode=EXCLUSIVE;");
	t0 = now();
	exec("BEGIN");
	drop_indexes();
	prepare_all();
	if (!province)
		populate("wuhua", "wh", "WH", "530102", &o, 0);
	else {
		for (int d = 0; d < districts; d++) {
			char code[16], name[64], sp[16], staff[16], region[8];
			if (d == 0) {
				populate("wuhua", "wh", "WH", "530102", &o, 0);
				continue;
			}
			snprintf(code, sizeof(code), "d%03d", d + 1);
			snprintf(name, sizeof(name), "模拟%03d区", d + 1);
			copy_district(code, name);
			snprintf(sp, sizeof(sp), "d%03d", d + 1);
			snprintf(staff, sizeof(staff), "D%03d-", d + 1);
			snprintf(region, sizeof(region), "53%04d", 100 + d);
			populate(code, sp, staff, region, &o, d);
			if ((d + 1) % 10 == 0)
				fprintf(stderr, "gen: %d districts, %lld records\n", d + 1, n_records);
		}
	}
	phase("rows", &t0);
	evidence_and_reviews();
	phase("evidence+reviews", &t0);
	accounts();
	phase("accounts", &t0);
	{
		sqlite3_stmt *sts[] = { st_record, st_teacher, st_ty, st_school, st_sys };
		for (size_t k = 0; k < sizeof(sts) / sizeof(sts[0]); k++)
			sqlite3_finalize(sts[k]);
	}
	restore_indexes();
	exec("INSERT OR IGNORE INTO result_dirty SELECT id FROM teacher_year");
	phase("indexes", &t0);
	exec("COMMIT");
	phase("commit", &t0);
	exec("PRAGMA locking_mode=NORMAL; PRAGMA journal_mode=WAL;");
	printf("gen: %d district(s), %lld teachers, %lld teacher-years, %lld records\n",
	    province ? districts : 1, n_teachers, n_teacher_years, n_records);
	sqlite3_close(db);
	return 0;
}
