<?php
/*
 * bench/php/dashboard.php - the PHP peer of xueshi's teacher dashboard
 * (GET /teacher of xueshi-teacher), for bench/run.sh: the same session
 * cookie and session SQL (cgi-bin/store/session.c), the same SQL statements
 * as the C store functions the dashboard calls (store/teacher.c,
 * store/deadline.c, store/record.c, store/notify.c, store/assess.c), the same
 * document built with DOMDocument (pages/records.c, core/app.c,
 * views/assessment.c), the same assessment (domain/assess.c, domain/rules.c)
 * and the same stylesheet (xsl/pages/teacher.xsl) through XSLTProcessor.
 * ?format=xml (or Accept: application/xml) answers the document itself.
 *
 * Served by php-fpm: XUESHI_DB (the database) and XUESHI_DATADIR (the tree
 * holding xsl/) come as FastCGI parameters or the environment.
 *
 * What persists across requests in php-fpm: the compiled script (opcache)
 * and PDO's persistent connection. What does not: prepared statements, the
 * DOM documents, and the XSLTProcessor (the compiled stylesheet): PHP frees
 * every object at the end of a request (a static too) and has no way to keep
 * a libxslt stylesheet, so each request prepares its statements, parses and
 * compiles the stylesheet (and its imports) and reads the string table.
 * PHP 8.2's XSLTProcessor cannot register a function in the stylesheets'
 * own namespace (urn:xueshi:xslt; registerPHPFunctions serves only php:),
 * so function-available('xueshi:string') is false and the stylesheets'
 * fallback runs: key('string', $k) over document('strings.zh-CN.xml').
 *
 * Only what the dashboard needs is ported: errors answer a short text
 * (the C program renders pages/error.xsl) and a missing session redirects
 * to /login as the C program does.
 */
declare(strict_types=1);

const AUTH_IDLE = 2 * 3600;                     /* core/auth.h */
const RULES_QUANTITY_MAX = 1000;                /* domain/rules.h */
const RULES_HOURS_MAX = 100000;
const RULES_CLAIM_MAX = RULES_HOURS_MAX * RULES_QUANTITY_MAX;
const RULES_RECORDS_MAX = 10000;
const RULES_TOTAL_MAX = RULES_CLAIM_MAX * RULES_RECORDS_MAX;
const RULES_POINTS_MAX = 1000000000;
const RULES_PERCENT_MAX = 1000;
const RULES_CYCLE_YEARS_MAX = 10;
const RULES_PEOPLE_MAX = 1000000000;
const RULE_TYPES = ['per_unit', 'tiered_level', 'as_certified', 'points_quarters', 'per_term',
	'roster', 'trainee_multiplier', 'once_per_certificate', 'participant_limit'];
const LEVELS = ['school', 'district', 'city', 'province', 'national'];
const CATEGORIES = ['regular', 'new_teacher', 'new_principal'];
const COUNTING = "('district_approved', 'submitted', 'school_approved')";

final class Fail extends Exception {}

function param(string $name, string $default): string
{
	$v = $_SERVER[$name] ?? getenv($name);
	return is_string($v) && $v !== '' ? $v : $default;
}

/* ------------------------------------------------------------ SQL helpers */

/*
 * The connection: PDO's persistent one, which php-fpm keeps in the worker
 * from one request to the next (SQLite3 objects end with the request, and
 * opening SQLite again reads the whole schema before the first statement,
 * some 1.5 ms here). XUESHI_PHP_PERSISTENT=0 opens one per request.
 */
function db_open(string $path): PDO
{
	if (!is_file($path))
		throw new Fail("no database $path");
	return new PDO("sqlite:$path", null, null, [
		PDO::ATTR_PERSISTENT => param('XUESHI_PHP_PERSISTENT', '1') !== '0',
		PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
		PDO::ATTR_TIMEOUT => 5, /* the busy timeout, seconds */
	]);
}

/* Every row of $sql with $args bound (1-based: ? or ?N), as lists. */
function rows(PDO $db, string $sql, array $args): array
{
	$st = $db->prepare($sql);
	foreach ($args as $i => $v)
		$st->bindValue($i + 1, $v, is_int($v) ? PDO::PARAM_INT : PDO::PARAM_STR);
	$st->execute();
	$out = $st->fetchAll(PDO::FETCH_NUM);
	$st->closeCursor();
	return $out;
}

function one(PDO $db, string $sql, array $args): ?array
{
	$r = rows($db, $sql, $args);
	return $r ? $r[0] : null;
}

/* sql_int: NULL gives the default, anything else SQLite's integer of it. */
function ival($v, int $dflt = 0): int
{
	return $v === null ? $dflt : (int)$v;
}

/* sql_dup: NULL gives "". */
function sval($v): string
{
	return $v === null ? '' : (string)$v;
}

/* ------------------------------------------------------------ the document */

final class Page
{
	public DOMDocument $doc;
	public DOMElement $root;

	public function __construct(string $name)
	{
		$this->doc = new DOMDocument('1.0', 'UTF-8');
		$this->root = $this->doc->createElement('page');
		$this->doc->appendChild($this->root);
		attr($this->root, 'name', $name);
		attr($this->root, 'lang', 'zh-CN');
	}
}

function node(DOMElement $parent, string $name): DOMElement
{
	$e = $parent->ownerDocument->createElement($name);
	$parent->appendChild($e);
	return $e;
}

function text(DOMElement $parent, string $name, string $text): DOMElement
{
	$e = node($parent, $name);
	$e->appendChild($parent->ownerDocument->createTextNode($text));
	return $e;
}

function attr(DOMElement $e, string $name, $value): void
{
	$e->setAttribute($name, (string)$value);
}

/* ------------------------------------------------------------ the session */

/* auth_session_user (store/session.c): the caller, or null. */
function session_user(PDO $db, ?string $token, int $now): ?array
{
	if ($token === null || strlen($token) !== 64)
		return null;
	$th = hash('sha256', $token); /* auth_token_hash: SHA-256, lower-case hex */
	$r = one($db, "SELECT s.id, s.csrf, s.last_seen, s.expires_at, a.id, a.role, coalesce(a.district_id, 0),"
	    . " coalesce(a.school_id, 0), coalesce(a.teacher_id, 0), a.login, a.display_name,"
	    . " a.must_change_password, a.active,"
	    . " coalesce((SELECT d.self_registration FROM district d WHERE d.id = a.district_id), 0)"
	    . " AND coalesce((SELECT t.active FROM teacher t WHERE t.id = a.teacher_id), 0)"
	    . " FROM session s JOIN account a ON a.id = s.account_id WHERE s.token_hash = ?", [$th]);
	if ($r === null || $r[1] === null || $r[9] === null || $r[10] === null)
		return null;
	$u = [
		'session' => ival($r[0]), 'csrf' => (string)$r[1], 'id' => ival($r[4]),
		'role' => (string)$r[5], 'district' => ival($r[6]), 'school' => ival($r[7]),
		'teacher' => ival($r[8]), 'login' => (string)$r[9], 'name' => (string)$r[10],
		'must_change' => ival($r[11]) !== 0, 'registers' => $r[5] === 'teacher' && ival($r[13]) !== 0,
	];
	$last = ival($r[2]);
	if (!ival($r[12]) || ival($r[3]) <= $now || $last + AUTH_IDLE <= $now)
		return null;
	if ($now - $last >= 60) { /* touch at most once a minute: reads stay reads */
		try {
			rows($db, "UPDATE session SET last_seen = ? WHERE id = ?", [$now, $u['session']]);
		} catch (PDOException $e) {
			/* as the C code: a failed touch is no failed request */
		}
	}
	return $u;
}

/* app_page_context (core/app.c): <request>, <user>, <csrf>, <nav>. */
function page_context(PDO $db, Page $p, array $u, string $path): void
{
	$req = node($p->root, 'request');
	attr($req, 'path', $path);
	attr($req, 'method', 'GET');
	$e = node($p->root, 'user');
	attr($e, 'id', $u['id']);
	attr($e, 'login', $u['login']);
	attr($e, 'name', $u['name']);
	attr($e, 'role', $u['role']);
	if ($u['district'])
		attr($e, 'district', $u['district']);
	if ($u['school'])
		attr($e, 'school', $u['school']);
	if ($u['teacher'])
		attr($e, 'teacher', $u['teacher']);
	if ($u['must_change'])
		attr($e, 'must-change-password', 'yes');
	$n = one($db, "SELECT count(*) FROM notification WHERE account_id = ? AND read_at IS NULL", [$u['id']]);
	attr($e, 'unread', ival($n[0] ?? 0));
	attr($e, 'registers', $u['registers'] ? 'yes' : 'no');
	attr(node($p->root, 'csrf'), 'token', $u['csrf']);
	/* core/nav.c: the teacher's entries. */
	$nav = node($p->root, 'nav');
	foreach ([['/', 'nav.home', false], ['/teacher', 'nav.teacher', false],
	    ['/teacher/records/new', 'nav.register', true], ['/teacher/signin', 'nav.signin', false]] as [$href, $key, $reg]) {
		if ($reg && !$u['registers'])
			continue;
		$l = node($nav, 'link');
		attr($l, 'href', $href);
		attr($l, 'key', $key);
		if ($path === $href)
			attr($l, 'current', 'yes');
	}
}

/* ------------------------------------------------------------ deadlines (domain/deadline.c) */

function days_from_civil(int $y, int $m, int $d): int
{
	$y -= $m <= 2 ? 1 : 0;
	$era = intdiv($y >= 0 ? $y : $y - 399, 400);
	$yoe = $y - $era * 400;
	$doy = intdiv(153 * ($m + ($m > 2 ? -3 : 9)) + 2, 5) + $d - 1;
	$doe = $yoe * 365 + intdiv($yoe, 4) - intdiv($yoe, 100) + $doy;
	return $era * 146097 + $doe - 719468;
}

function parse_day(?string $s): ?int
{
	static $mdays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	if ($s === null || !preg_match('/^(\d{4})-(\d\d)-(\d\d)$/', $s, $m))
		return null;
	[$y, $mo, $d] = [(int)$m[1], (int)$m[2], (int)$m[3]];
	if ($mo < 1 || $mo > 12 || $d < 1 || $d > $mdays[$mo - 1] ||
	    ($mo == 2 && $d == 29 && !(($y % 4 == 0 && $y % 100 != 0) || $y % 400 == 0)))
		return null;
	return days_from_civil($y, $mo, $d);
}

function local_day(int $now, int $off): int
{
	$t = $now + $off * 60;
	return $t >= 0 ? intdiv($t, 86400) : -intdiv(-$t + 86399, 86400);
}

function deadline_later(?string $a, ?string $b): ?string
{
	if ($a === null || $a === '')
		return $b !== null && $b !== '' ? $b : null;
	if ($b === null || $b === '')
		return $a;
	return strcmp($a, $b) >= 0 ? $a : $b;
}

/* store_deadlines_of_teacher_year + deadline_nodes (pages/deadlines.c). */
function deadline_nodes(PDO $db, DOMElement $y, int $ty, int $now): void
{
	$ids = one($db, "SELECT school_id, school_year_id FROM teacher_year WHERE id = ?", [$ty]);
	if ($ids === null)
		throw new Fail('no teacher-year');
	$r = one($db, "SELECT y.id, y.label, y.starts_on, y.ends_on, y.register_deadline,"
	    . " y.school_review_deadline, y.district_review_deadline, d.utc_offset_minutes, d.id,"
	    . " (SELECT max(e.until) FROM deadline_extension e WHERE e.school_year_id = y.id"
	    . "  AND e.school_id = ?1 AND e.kind = 'register'),"
	    . " (SELECT max(e.until) FROM deadline_extension e WHERE e.school_year_id = y.id"
	    . "  AND e.school_id = ?1 AND e.kind = 'school_review')"
	    . " FROM school_year y JOIN district d ON d.id = y.district_id WHERE y.id = ?2",
	    [ival($ids[0]), ival($ids[1])]);
	if ($r === null)
		throw new Fail('no school year');
	$off = ival($r[7], 480);
	$year = [$r[4], $r[5], $r[6]];
	$ext = [$r[9], $r[10], null];
	$today = local_day($now, $off);
	attr($y, 'today', gmdate('Y-m-d', $today * 86400));
	foreach (['register', 'school_review', 'district_review'] as $k => $kind) {
		$eff = $year[$k] === null ? null : deadline_later((string)$year[$k], $ext[$k] === null ? null : (string)$ext[$k]);
		if ($eff === null || ($day = parse_day($eff)) === null)
			continue;
		$left = $day - $today;
		$n = node($y, 'deadline');
		attr($n, 'kind', $kind);
		attr($n, 'date', $eff);
		attr($n, 'days-left', $left);
		attr($n, 'passed', $left < 0 ? '1' : '0');
		if ($year[$k] !== null && $eff !== (string)$year[$k])
			attr($n, 'extended-from', (string)$year[$k]);
	}
}

/* ------------------------------------------------------------ the teacher-year and records */

/* teacher_year_node (pages/records.c): the year's id, or 0 when not on a roster. */
function teacher_year_node(PDO $db, Page $p, int $teacher, int $now): int
{
	$v = one($db, "SELECT t.id, t.name, t.gender, t.staff_no, t.subject, t.title,"
	    . " ty.id, ty.category, ty.status, ty.receiving_unit, s.id, s.name,"
	    . " y.id, y.label, y.starts_on, y.ends_on, y.register_deadline,"
	    . " y.school_review_deadline, y.district_review_deadline, d.self_registration,"
	    . " coalesce(sys.state, 'open')"
	    . " FROM teacher t JOIN district d ON d.id = t.district_id"
	    . " JOIN school_year y ON y.district_id = d.id AND y.is_current = 1"
	    . " JOIN teacher_year ty ON ty.teacher_id = t.id AND ty.school_year_id = y.id"
	    . " JOIN school s ON s.id = ty.school_id"
	    . " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    . " WHERE t.id = ?", [$teacher]);
	if ($v === null)
		return 0;
	$n = node($p->root, 'teacher');
	attr($n, 'id', ival($v[0]));
	attr($n, 'gender', sval($v[2]));
	attr($n, 'staff-no', sval($v[3]));
	attr($n, 'category', sval($v[7]));
	attr($n, 'status', sval($v[8]));
	text($n, 'name', sval($v[1]));
	text($n, 'subject', sval($v[4]));
	text($n, 'title', sval($v[5]));
	if (sval($v[9]) !== '')
		text($n, 'receiving-unit', sval($v[9]));
	attr(text($n, 'school', sval($v[11])), 'id', ival($v[10]));
	$y = node($p->root, 'school-year');
	attr($y, 'id', ival($v[12]));
	attr($y, 'label', sval($v[13]));
	attr($y, 'starts', sval($v[14]));
	attr($y, 'ends', sval($v[15]));
	attr($y, 'self-registration', ival($v[19]) !== 0 ? 'yes' : 'no');
	attr($y, 'school-state', sval($v[20]));
	deadline_nodes($db, $y, ival($v[6]), $now);
	return ival($v[6]);
}

/* records_node (pages/records.c) over store_year_records (store/record.c). */
function records_node(PDO $db, Page $p, int $ty): void
{
	$list = node($p->root, 'records');
	foreach (rows($db, "SELECT r.id, r.state, r.started_on, r.ended_on, r.claimed_tenths, r.organiser,"
	    . " i.id, i.code, i.category, i.name, i.unit, i.normative,"
	    . " (SELECT v.reason FROM review v WHERE v.record_id = r.id ORDER BY v.id DESC LIMIT 1),"
	    . " (SELECT count(*) FROM evidence e WHERE e.record_id = r.id)"
	    . " FROM record r JOIN item i ON i.id = r.item_id"
	    . " WHERE r.teacher_year_id = ? ORDER BY r.started_on, r.id", [$ty]) as $v) {
		$e = node($list, 'record');
		attr($e, 'id', ival($v[0]));
		attr($e, 'state', sval($v[1]));
		attr($e, 'started', sval($v[2]));
		attr($e, 'ended', sval($v[3]));
		attr($e, 'claimed-tenths', ival($v[4]));
		attr($e, 'evidence', ival($v[13]));
		$it = text($e, 'item', sval($v[9]));
		attr($it, 'id', ival($v[6]));
		attr($it, 'code', sval($v[7]));
		attr($it, 'category', sval($v[8]));
		attr($it, 'unit', sval($v[10]));
		attr($it, 'normative', ival($v[11]) !== 0 ? 'yes' : 'no');
		if (sval($v[5]) !== '')
			text($e, 'organiser', sval($v[5]));
		if (($v[1] === 'returned' || $v[1] === 'rejected') && sval($v[12]) !== '')
			text($e, 'reason', sval($v[12]));
	}
}

/* ------------------------------------------------------------ the assessment: loaders (store/assess.c) */

const ITEM_COLUMNS = "SELECT i.id, i.code, i.name, i.category, i.unit, i.rule_type, i.asks, i.hours_tenths,"
    . " i.normative, coalesce(i.cap_tenths, 0), coalesce(i.cap_group_id, 0),"
    . " coalesce(g.cap_tenths, 0), coalesce(g.name, ''), i.needs_project,"
    . " json_extract(i.params, '$.tiers.school'), json_extract(i.params, '$.tiers.district'),"
    . " json_extract(i.params, '$.tiers.city'), json_extract(i.params, '$.tiers.province'),"
    . " json_extract(i.params, '$.tiers.national'), json_extract(i.params, '$.max'),"
    . " json_extract(i.params, '$.base'), json_extract(i.params, '$.gain'),"
    . " json_extract(i.params, '$.hours'), json_extract(i.params, '$.max'),"
    . " json_extract(i.params, '$.threshold'), json_extract(i.params, '$.addons.video'),"
    . " json_extract(i.params, '$.excellent_percent'), json_extract(i.params, '$.quota_percent'),"
    . " json_extract(i.params, '$.role'), json_extract(i.params, '$.limit'),"
    . " coalesce(pol.points_reading = 'year_total', 0)"
    . " FROM item i LEFT JOIN cap_group g ON g.id = i.cap_group_id"
    . " LEFT JOIN policy pol ON pol.school_year_id = i.school_year_id";

function record_columns(string $p): string
{
	return "{$p}id, {$p}item_id, {$p}state, {$p}started_on, {$p}ended_on, coalesce({$p}quantity, -1),"
	    . " coalesce({$p}level, ''), coalesce({$p}certified_tenths, -1),"
	    . " json_extract({$p}points, '\$[0]'), json_extract({$p}points, '\$[1]'),"
	    . " json_extract({$p}points, '\$[2]'), json_extract({$p}points, '\$[3]'),"
	    . " coalesce(instr({$p}addons, '\"video\"') > 0, 0), coalesce({$p}role, ''), {$p}certificate_no,"
	    . " coalesce({$p}certificate_on, ''), coalesce({$p}project_id, 0)";
}

function record_from_row(array $r, int $at): array
{
	return [
		'id' => ival($r[$at]), 'item_id' => ival($r[$at + 1]), 'state' => sval($r[$at + 2]),
		'started_on' => sval($r[$at + 3]), 'ended_on' => sval($r[$at + 4]),
		'quantity' => ival($r[$at + 5], -1), 'level' => sval($r[$at + 6]),
		'certified' => ival($r[$at + 7], -1),
		'points' => [ival($r[$at + 8], -1), ival($r[$at + 9], -1), ival($r[$at + 10], -1), ival($r[$at + 11], -1)],
		'video' => ival($r[$at + 12]), 'role' => sval($r[$at + 13]),
		'certificate_no' => sval($r[$at + 14]), 'certificate_on' => sval($r[$at + 15]),
		'project_id' => ival($r[$at + 16]),
	];
}

/* load_year_data: the year and its policy, its items by id, its places; null without a policy. */
function load_year_data(PDO $db, int $year): ?array
{
	$r = one($db, "SELECT y.id, y.district_id, y.starts_on, y.ends_on, p.min_tenths, p.normative_min_tenths,"
	    . " coalesce(p.new_teacher_tenths, -1), coalesce(p.new_principal_tenths, -1), p.cycle_years,"
	    . " coalesce(p.cycle_min_tenths, -1), coalesce(p.flag_percent, 0), p.terms_per_year"
	    . " FROM school_year y JOIN policy p ON p.school_year_id = y.id WHERE y.id = ?", [$year]);
	if ($r === null)
		return null;
	$y = [
		'id' => ival($r[0]), 'district' => ival($r[1]), 'starts_on' => sval($r[2]), 'ends_on' => sval($r[3]),
		'min' => ival($r[4]), 'normative_min' => ival($r[5]), 'new_teacher' => ival($r[6], -1),
		'new_principal' => ival($r[7], -1), 'cycle_years' => ival($r[8], 5), 'cycle_min' => ival($r[9], -1),
		'flag_percent' => ival($r[10]), 'terms_per_year' => ival($r[11], 2),
	];
	$items = [];
	foreach (rows($db, ITEM_COLUMNS . " WHERE i.school_year_id = ? ORDER BY i.id", [$year]) as $v)
		$items[ival($v[0])] = [
			'id' => ival($v[0]), 'rule_type' => sval($v[5]), 'hours' => ival($v[7]),
			'normative' => ival($v[8]), 'cap' => ival($v[9]), 'group' => ival($v[10]),
			'group_cap' => ival($v[11]), 'group_name' => sval($v[12]),
			'tiers' => [ival($v[14]), ival($v[15]), ival($v[16]), ival($v[17]), ival($v[18])],
			'max' => ival($v[19]), 'points_base' => ival($v[20]), 'points_gain' => ival($v[21]),
			'points_hours' => ival($v[22]), 'points_max' => ival($v[23]), 'points_threshold' => ival($v[24]),
			'addon_video' => ival($v[25]), 'excellent_percent' => ival($v[26], 100),
			'quota_percent' => ival($v[27], 100), 'participant_limit' => ival($v[29]),
			'points_year_total' => ival($v[30]),
		];
	$places = [];
	foreach ([
		"SELECT r.item_id || ':' || r.certificate_no, r.id, ty.teacher_id, -1, -1"
		. " FROM item i CROSS JOIN record r ON r.item_id = i.id"
		. " JOIN teacher_year ty ON ty.id = r.teacher_year_id WHERE i.school_year_id = ?"
		. " AND i.rule_type = 'participant_limit' AND r.certificate_no <> ''"
		. " AND r.state IN " . COUNTING
		. " ORDER BY r.item_id, r.certificate_no, r.state <> 'district_approved', r.started_on, r.id",
		"SELECT CAST(r.project_id AS TEXT), r.id, ty.teacher_id, coalesce(p.max_participants, 0),"
		. " coalesce(p.excellent_quota_percent, -1)"
		. " FROM item i CROSS JOIN record r ON r.item_id = i.id"
		. " JOIN teacher_year ty ON ty.id = r.teacher_year_id LEFT JOIN training_project p ON p.id = r.project_id"
		. " WHERE i.school_year_id = ? AND i.rule_type = 'trainee_multiplier'"
		. " AND r.role = 'excellent' AND r.project_id IS NOT NULL AND r.state IN " . COUNTING
		. " ORDER BY r.project_id, r.state <> 'district_approved', r.started_on, r.id",
	] as $sql)
		$places[] = assess_rank(rows($db, $sql, [$year]));
	return ['y' => $y, 'items' => $items, 'participants' => $places[0], 'excellent' => $places[1]];
}

/* assess_rank (domain/assess.c): record id => [place, of, quota]. */
function assess_rank(array $rows): array
{
	$out = [];
	$n = count($rows);
	for ($start = 0; $start < $n; $start = $end) {
		$group = sval($rows[$start][0]);
		for ($end = $start; $end < $n && sval($rows[$end][0]) === $group; $end++)
			;
		$seen = [];
		$ids = [];
		for ($i = $start; $i < $end; $i++) {
			$t = ival($rows[$i][2]);
			if (!isset($seen[$t]))
				$seen[$t] = count($seen);
			$ids[] = [$i, $seen[$t]];
		}
		foreach ($ids as [$i, $place]) {
			$of = ival($rows[$i][3], -1);
			$out[ival($rows[$i][1])] = [$place, $of >= 0 ? $of : count($seen), ival($rows[$i][4], -1)];
		}
	}
	return $out;
}

/* ------------------------------------------------------------ the rules (domain/rules.c) */

function within(int $v, int $lo, int $hi): bool
{
	return $v >= $lo && $v <= $hi;
}

function date_ok(string $s): bool
{
	static $days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	if (!preg_match('/^(\d{4})-(\d\d)-(\d\d)$/', $s, $m))
		return false;
	[$y, $mo, $d] = [(int)$m[1], (int)$m[2], (int)$m[3]];
	if ($y < 1900 || !within($mo, 1, 12) || $d < 1)
		return false;
	$leap = ($y % 4 == 0 && $y % 100 != 0) || $y % 400 == 0;
	return $d <= $days[$mo - 1] + ($mo == 2 && $leap ? 1 : 0);
}

/* rules_claim: the claimed tenths, or null where the record's inputs do not fit the rule. */
function rules_claim(array $it, array $rec, bool $excellent_allowed): ?int
{
	$t = array_search($it['rule_type'], RULE_TYPES, true);
	$type = $t === false ? 'per_unit' : $it['rule_type'];
	$hours = $it['hours'];
	$q = $rec['quantity'];
	$uses_hours = in_array($type, ['per_unit', 'per_term', 'roster', 'trainee_multiplier',
	    'once_per_certificate', 'participant_limit'], true);
	if ($uses_hours && !within($hours, 0, RULES_HOURS_MAX))
		return null;
	$pct = $it['excellent_percent'] > 0 ? $it['excellent_percent'] : 100;
	switch ($type) {
	case 'per_unit':
	case 'per_term':
		return within($q, 1, RULES_QUANTITY_MAX) ? $hours * $q : null;
	case 'tiered_level':
		foreach ($it['tiers'] as $v)
			if (!within($v, 0, RULES_HOURS_MAX))
				return null;
		$l = $rec['level'] !== '' ? array_search($rec['level'], LEVELS, true) : false;
		if ($l === false || $it['tiers'][$l] == 0 || !within($q, 1, RULES_QUANTITY_MAX))
			return null;
		return $it['tiers'][$l] * $q;
	case 'as_certified':
		if (!within($it['max'], 0, RULES_HOURS_MAX))
			return null;
		$c = $rec['certified'];
		if ($c <= 0 || $c > ($it['max'] > 0 ? $it['max'] : RULES_HOURS_MAX))
			return null;
		return $c;
	case 'points_quarters':
		return rules_points($it, $rec['points']);
	case 'roster':
		if (!within($it['addon_video'], 0, RULES_HOURS_MAX))
			return null;
		if ($rec['video']) {
			if ($it['addon_video'] == 0)
				return null;
			return $hours + $it['addon_video'];
		}
		return $hours;
	case 'trainee_multiplier':
		if (!within($pct, 1, RULES_PERCENT_MAX))
			return null;
		$ex = $rec['role'] === '' ? -1 : ($rec['role'] === 'excellent' ? 1 : 0);
		if ($ex === 1 && !$excellent_allowed)
			$ex = 0;
		if ($ex === -1)
			return null;
		return $ex ? intdiv($hours * $pct, 100) : $hours;
	default: /* once_per_certificate, participant_limit */
		return $hours;
	}
}

function rules_points(array $it, array $q): ?int
{
	[$base, $gain, $per, $max, $thr, $reading] = [$it['points_base'], $it['points_gain'], $it['points_hours'],
	    $it['points_max'], $it['points_threshold'], $it['points_year_total']];
	if (!within($reading, 0, 1) || !within($base, 0, RULES_POINTS_MAX) || !within($gain, 1, RULES_POINTS_MAX) ||
	    !within($per, 0, RULES_HOURS_MAX) || !within($max, 0, RULES_HOURS_MAX) || !within($thr, 0, RULES_POINTS_MAX))
		return null;
	$prev = $base;
	$last = -1;
	$given = $qual = 0;
	foreach ($q as $v) {
		if ($v == -1)
			continue;
		if (!within($v, 0, RULES_POINTS_MAX) || $v < $prev)
			return null;
		if ($v - $prev >= $gain)
			$qual++;
		$prev = $last = $v;
		$given++;
	}
	if ($given == 0)
		return null;
	$h = $per * $qual;
	if ($reading == 1 && $last >= $thr)
		$h = $max;
	return $h > $max ? $max : $h;
}

/* 0 confirmed, 1 pending, 2 counts nothing; then date, id, index (entry_before). */
function entry_cmp(array $a, array $b): int
{
	$ta = $a['confirmed'] ? 0 : ($a['pending'] ? 1 : 2);
	$tb = $b['confirmed'] ? 0 : ($b['pending'] ? 1 : 2);
	if ($ta !== $tb)
		return $ta <=> $tb;
	if (($c = strcmp($a['date'], $b['date'])) !== 0)
		return $c <=> 0;
	return [$a['record_id'], $a['index']] <=> [$b['record_id'], $b['index']];
}

/* rules_apply_caps: counted and cut of each entry, in the stable order. */
function apply_caps(array &$e): void
{
	$bad = false;
	foreach ($e as &$x) {
		$x['counted'] = 0;
		$x['cut'] = 'none';
		if (!within($x['claimed'], 0, RULES_CLAIM_MAX) || !within($x['item_cap'], 0, RULES_CLAIM_MAX) ||
		    !within($x['group_cap'], 0, RULES_CLAIM_MAX))
			$bad = true;
	}
	unset($x);
	if ($bad || count($e) > RULES_RECORDS_MAX)
		return;
	$order = array_keys($e);
	usort($order, fn($a, $b) => entry_cmp($e[$a], $e[$b]));
	$item_used = $group_used = [];
	foreach ($order as $k) {
		$x = &$e[$k];
		if (!$x['confirmed'] && !$x['pending'])
			$x['cut'] = 'not_confirmed';
		elseif ($x['pre_cut'] !== 'none')
			$x['cut'] = $x['pre_cut'];
		else {
			$iu = $item_used[$x['item_id']] ?? 0;
			$gu = $x['group_id'] != 0 ? ($group_used[$x['group_id']] ?? 0) : 0;
			$x['counted'] = $x['claimed'];
			$il = $x['item_cap'] > 0 ? $x['item_cap'] - $iu : $x['claimed'];
			$gl = $x['group_id'] != 0 && $x['group_cap'] > 0 ? $x['group_cap'] - $gu : $x['claimed'];
			$il = max($il, 0);
			$gl = max($gl, 0);
			if ($il < $x['counted'] && $il <= $gl) {
				$x['counted'] = $il;
				$x['cut'] = 'item_cap';
			} elseif ($gl < $x['counted']) {
				$x['counted'] = $gl;
				$x['cut'] = 'group_cap';
			}
		}
		$item_used[$x['item_id']] = ($item_used[$x['item_id']] ?? 0) + $x['counted'];
		if ($x['group_id'] != 0)
			$group_used[$x['group_id']] = ($group_used[$x['group_id']] ?? 0) + $x['counted'];
		unset($x);
	}
}

/* assess_compute (domain/assess.c): lines and totals of one teacher-year. */
function assess_compute(array $yd, array $recs): array
{
	$y = $yd['y'];
	$items = $yd['items'];
	$n = count($recs);
	$counts = function (string $s): array {
		return [$s === 'district_approved', $s === 'submitted' || $s === 'school_approved'];
	};
	$by_cert = fn(array $it) => $it['rule_type'] === 'once_per_certificate' || $it['rule_type'] === 'participant_limit';
	$pre = array_fill(0, $n, 'none');
	/* once per certificate, confirmed first (rules_once_per_certificate) */
	$order = [];
	foreach ([true, false] as $pass)
		foreach ($recs as $i => $r) {
			[$conf, $pend] = $counts($r['state']);
			$it = $items[$r['item_id']] ?? null;
			if ((!$conf && !$pend) || $conf !== $pass || $it === null || !$by_cert($it))
				continue;
			$order[] = $i;
		}
	if (date_ok($y['starts_on']) && date_ok($y['ends_on']) && strcmp($y['starts_on'], $y['ends_on']) <= 0 &&
	    count($order) <= RULES_RECORDS_MAX) {
		$done = [];
		foreach ($order as $i) {
			$num = $recs[$i]['certificate_no'];
			$d = $recs[$i]['certificate_on'];
			if ($d !== '' && (!date_ok($d) || strcmp($d, $y['starts_on']) < 0 || strcmp($d, $y['ends_on']) > 0))
				$pre[$i] = 'outside_year';
			elseif ($num !== '')
				foreach ($done as $o)
					if ($pre[$o] === 'none' && $recs[$o]['certificate_no'] === $num) {
						$pre[$i] = 'duplicate_certificate';
						break;
					}
			$done[] = $i;
		}
	}
	$caps = [];
	$quota_cut = array_fill(0, $n, false);
	foreach ($recs as $i => $r) {
		$it = $items[$r['item_id']] ?? null;
		[$conf, $pend] = $counts($r['state']);
		$c = ['record_id' => $r['id'], 'index' => $i, 'date' => $r['started_on'], 'confirmed' => $conf,
		    'pending' => $pend, 'item_id' => 0, 'item_cap' => 0, 'group_id' => 0, 'group_cap' => 0, 'claimed' => 0];
		if ($it !== null && $pre[$i] === 'none' && ($conf || $pend) && !$by_cert($it)) {
			/* rules_in_year: a bad date is no cut */
			[$s, $e, $ys, $ye] = [$r['started_on'], $r['ended_on'], $y['starts_on'], $y['ends_on']];
			if (date_ok($ys) && date_ok($ye) && strcmp($ys, $ye) <= 0 && date_ok($s) && date_ok($e) &&
			    strcmp($s, $e) <= 0 && !(strcmp($s, $ys) >= 0 && strcmp($e, $ye) <= 0))
				$pre[$i] = 'outside_year';
		}
		$c['pre_cut'] = $pre[$i];
		if ($it !== null) {
			$allowed = true;
			if (($conf || $pend) && $it['rule_type'] === 'trainee_multiplier' && $r['role'] === 'excellent') {
				$e = $r['project_id'] > 0 ? ($yd['excellent'][$r['id']] ?? null) : null;
				$qp = $e !== null && $e[2] >= 0 && $e[2] <= 100 ? $e[2] : ($it['quota_percent'] > 0 ? $it['quota_percent'] : 10);
				if ($e === null || $e[1] <= 0 || $e[0] < 0 || !(within($e[0], 0, RULES_PEOPLE_MAX) &&
				    within($e[1], 0, RULES_PEOPLE_MAX) && $qp >= 0 && $qp <= 100 && ($e[0] + 1) * 100 <= $e[1] * $qp)) {
					$allowed = false;
					$quota_cut[$i] = true;
				}
			}
			$c['claimed'] = rules_claim($it, $r, $allowed) ?? 0;
			$c['item_id'] = $it['id'];
			$c['item_cap'] = $it['cap'];
			if ($it['rule_type'] === 'per_term') { /* rules_per_term_cap */
				$h = $it['hours'];
				$tp = $y['terms_per_year'];
				if ($h <= 0 || $tp <= 0 || $h > RULES_HOURS_MAX || $tp > RULES_QUANTITY_MAX)
					$c['item_cap'] = $it['cap'] > 0 ? $it['cap'] : 0;
				else {
					$cap = min($h * $tp, RULES_CLAIM_MAX);
					$c['item_cap'] = $it['cap'] > 0 && $it['cap'] < $cap ? $it['cap'] : $cap;
				}
			}
			$c['group_id'] = $it['group'];
			$c['group_cap'] = $it['group_cap'];
			if (($conf || $pend) && $pre[$i] === 'none' && $it['rule_type'] === 'participant_limit' &&
			    $r['certificate_no'] !== '' && $it['participant_limit'] > 0) {
				$pp = $yd['participants'][$r['id']] ?? null;
				if ($pp !== null && $pp[0] >= 0 && $pp[1] > 0)
					$c['pre_cut'] = $pp[0] < $it['participant_limit'] ? 'none' : 'participant_limit';
			}
		}
		$caps[$i] = $c;
	}
	apply_caps($caps);
	$a = ['confirmed' => 0, 'pending' => 0, 'normative_confirmed' => 0, 'normative_pending' => 0, 'lines' => []];
	foreach ($recs as $i => $r) {
		$it = $items[$r['item_id']] ?? null;
		$c = $caps[$i];
		$l = ['record' => $r['id'], 'state' => $r['state'], 'claimed' => $c['claimed'], 'counted' => $c['counted'],
		    'cut' => $c['cut'] === 'none' && $quota_cut[$i] ? 'excellent_quota' : $c['cut'],
		    'cap' => $c['cut'] === 'group_cap' && $it !== null ? $it['group_name'] : null,
		    'normative' => $it !== null && $it['normative']];
		if ($c['confirmed']) {
			$a['confirmed'] += $l['counted'];
			if ($l['normative'])
				$a['normative_confirmed'] += $l['counted'];
		} elseif ($c['pending']) {
			$a['pending'] += $l['counted'];
			if ($l['normative'])
				$a['normative_pending'] += $l['counted'];
		}
		$a['lines'][] = $l;
	}
	return $a;
}

/* assess_judge + rules_assess: the verdict of one teacher-year. */
function assess_judge(array $y, string $category, int $cycle, array &$a): void
{
	$cat = array_search($category, CATEGORIES, true);
	$cat = $cat === false ? 'regular' : $category;
	$thr_ok = fn(int $v, bool $none) => ($none && $v == -1) || within($v, 0, RULES_CLAIM_MAX);
	$cycle = $y['cycle_min'] >= 0 ? $cycle : -1;
	$v = ['threshold' => 0, 'below_total' => false, 'below_normative' => false, 'gap' => 0,
	    'cycle_applies' => false, 'cycle_pass' => false, 'cycle_gap' => 0, 'pass' => false];
	if ($thr_ok($y['min'], false) && $thr_ok($y['normative_min'], false) && $thr_ok($y['new_teacher'], true) &&
	    $thr_ok($y['new_principal'], true) && $thr_ok($y['cycle_min'], true) &&
	    within($a['confirmed'], 0, RULES_TOTAL_MAX) && within($a['normative_confirmed'], 0, $a['confirmed']) &&
	    within($cycle, -1, RULES_CYCLE_YEARS_MAX * RULES_TOTAL_MAX)) {
		$by = $cat === 'new_teacher' ? $y['new_teacher'] : ($cat === 'new_principal' ? $y['new_principal'] : $y['min']);
		$v['threshold'] = $by >= 0 ? $by : $y['min'];
		$v['below_total'] = $a['confirmed'] < $v['threshold'];
		$v['below_normative'] = $y['normative_min'] > 0 && $a['normative_confirmed'] < $y['normative_min'];
		$v['pass'] = !$v['below_total'] && !$v['below_normative'];
		$v['gap'] = max($v['threshold'] - $a['confirmed'], $y['normative_min'] - $a['normative_confirmed'], 0);
		if ($y['cycle_min'] >= 0 && $cycle >= 0 && $cat !== 'new_teacher') {
			$v['cycle_applies'] = true;
			$v['cycle_pass'] = $cycle >= $y['cycle_min'];
			$v['cycle_gap'] = $v['cycle_pass'] ? 0 : $y['cycle_min'] - $cycle;
		}
	}
	$a += ['category' => $category, 'threshold' => $v['threshold'], 'normative_min' => $y['normative_min'],
	    'pass' => $v['pass'], 'below_total' => $v['below_total'], 'below_normative' => $v['below_normative'],
	    'gap' => $v['gap'], 'cycle_years' => $y['cycle_years'], 'cycle_applies' => $v['cycle_applies'],
	    'cycle_pass' => $v['cycle_pass'], 'cycle_gap' => $v['cycle_gap'],
	    'below_cycle' => $v['cycle_applies'] && !$v['cycle_pass'], 'cycle' => $cycle < 0 ? 0 : $cycle,
	    'cycle_min' => $y['cycle_min'] < 0 ? 0 : $y['cycle_min']];
}

const STREAM_SELECT = "SELECT ty.id, ty.teacher_id, ty.school_id, ty.category, ty.status, ";
const STREAM_FROM = " FROM teacher_year ty LEFT JOIN record r ON r.teacher_year_id = ty.id";
const STREAM_ORDER = " ORDER BY ty.id, r.started_on, r.id";

/* The one teacher-year's rows of a stream: [teacher-year row, records], or null. */
function stream_one(array $rows): ?array
{
	if (!$rows)
		return null;
	$recs = [];
	foreach ($rows as $r)
		if ($r[5] !== null)
			$recs[] = record_from_row($r, 5);
	return [$rows[0], $recs];
}

/* assess_teacher_year (store/assess.c): the teacher-year assessed, or null (no policy, no such year). */
function assess_teacher_year(PDO $db, int $ty): ?array
{
	$r = one($db, "SELECT school_year_id FROM teacher_year WHERE id = ?", [$ty]);
	if ($r === null)
		return null;
	$year = ival($r[0]);
	$yd = load_year_data($db, $year);
	if ($yd === null)
		return null;
	$priors = [];
	if ($yd['y']['cycle_min'] >= 0) {
		/* load_priors: the earlier teacher-years of this teacher, each assessed in its own year */
		$list = rows($db, "SELECT ty.teacher_id, ty.id, ty.school_year_id, y.starts_on FROM teacher_year ty"
		    . " JOIN school_year y ON y.id = ty.school_year_id"
		    . " WHERE y.district_id = ?1 AND y.starts_on < ?2 AND ty.teacher_id IN"
		    . " (SELECT x.teacher_id FROM teacher_year x WHERE ?5 <> 0 AND x.id = ?5 AND x.school_year_id = ?3"
		    . "  UNION ALL SELECT x.teacher_id FROM teacher_year x WHERE ?5 = 0 AND ?4 <> 0"
		    . "   AND x.school_id = ?4 AND x.school_year_id = ?3"
		    . "  UNION ALL SELECT x.teacher_id FROM teacher_year x WHERE ?5 = 0 AND ?4 = 0"
		    . "   AND x.school_year_id = ?3)"
		    . " ORDER BY ty.id", [$yd['y']['district'], $yd['y']['starts_on'], $year, 0, $ty]);
		$conf = [];
		$years = [];
		foreach ($list as $p)
			$years[ival($p[2])] = true;
		foreach (array_keys($years) as $py) {
			$pyd = load_year_data($db, $py);
			if ($pyd === null)
				return null;
			$g = stream_one(rows($db, STREAM_SELECT . record_columns('r.') . STREAM_FROM
			    . " WHERE ty.school_year_id = ?1 AND ty.teacher_id = (SELECT x.teacher_id FROM teacher_year x"
			    . " WHERE x.id = ?3 AND x.school_year_id = ?2)" . STREAM_ORDER, [$py, $year, $ty]));
			if ($g !== null)
				$conf[ival($g[0][0])] = assess_compute($pyd, $g[1])['confirmed'];
		}
		foreach ($list as $p)
			$priors[] = [ival($p[0]), sval($p[3]), $conf[ival($p[1])] ?? 0];
		usort($priors, fn($a, $b) => [$a[0], $b[1]] <=> [$b[0], $a[1]]);
	}
	$g = stream_one(rows($db, STREAM_SELECT . record_columns('r.') . STREAM_FROM
	    . " WHERE ty.id = ?2 AND ty.school_year_id = ?1" . STREAM_ORDER, [$year, $ty]));
	if ($g === null)
		return null;
	$a = assess_compute($yd, $g[1]);
	$cycle = -1;
	if ($yd['y']['cycle_min'] >= 0) {
		$cycle = $a['confirmed'];
		$take = ($yd['y']['cycle_years'] > 0 ? $yd['y']['cycle_years'] : 5) - 1;
		foreach ($priors as [$t, , $c])
			if ($t === ival($g[0][1]) && $take-- > 0)
				$cycle += $c;
	}
	assess_judge($yd['y'], sval($g[0][3]), $cycle, $a);
	return $a;
}

/* assess_xml (views/assessment.c). */
function assessment_node(PDO $db, Page $p, int $ty): void
{
	$a = assess_teacher_year($db, $ty);
	if ($a === null)
		return;
	$n = node($p->root, 'assessment');
	attr($n, 'result', $a['pass'] ? 'pass' : 'fail');
	attr($n, 'category', $a['category']);
	attr($n, 'threshold-tenths', $a['threshold']);
	attr($n, 'normative-min-tenths', $a['normative_min']);
	attr($n, 'confirmed-tenths', $a['confirmed']);
	attr($n, 'pending-tenths', $a['pending']);
	attr($n, 'normative-confirmed-tenths', $a['normative_confirmed']);
	attr($n, 'normative-pending-tenths', $a['normative_pending']);
	attr($n, 'gap-tenths', $a['gap']);
	if ($a['cycle_applies']) {
		attr($n, 'cycle-result', $a['cycle_pass'] ? 'pass' : 'fail');
		attr($n, 'cycle-years', $a['cycle_years']);
		attr($n, 'cycle-tenths', $a['cycle']);
		attr($n, 'cycle-min-tenths', $a['cycle_min']);
		attr($n, 'cycle-gap-tenths', $a['cycle_gap']);
	}
	foreach (['below_total', 'below_normative', 'below_cycle'] as $code)
		if ($a[$code])
			attr(node($n, 'reason'), 'code', $code);
	foreach ($a['lines'] as $l) {
		$c = node($n, 'count');
		attr($c, 'record', $l['record']);
		attr($c, 'state', $l['state']);
		attr($c, 'claimed-tenths', $l['claimed']);
		attr($c, 'counted-tenths', $l['counted']);
		attr($c, 'cut', $l['cut']);
		if ($l['cap'] !== null)
			attr($c, 'cap', $l['cap']);
		if ($l['normative'])
			attr($c, 'normative', 'yes');
	}
}

/* ------------------------------------------------------------ the request */

function security_headers(): void
{
	header('X-Content-Type-Options: nosniff');
	header("Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self'; "
	    . "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	header('Referrer-Policy: same-origin');
	header('X-Frame-Options: DENY');
	header('Cache-Control: no-store');
}

function wants_xml(): bool
{
	if (isset($_GET['format']))
		return $_GET['format'] === 'xml';
	$acc = $_SERVER['HTTP_ACCEPT'] ?? '';
	return strncmp($acc, 'application/xml', 15) === 0 || strncmp($acc, 'text/xml', 8) === 0;
}

function answer(int $status, string $text): void
{
	http_response_code($status);
	header('Content-Type: text/plain; charset=utf-8');
	echo $text, "\n";
}

function dashboard(): void
{
	$now = time();
	$xsl_dir = param('XUESHI_DATADIR', dirname(__DIR__, 2)) . '/xsl';
	$path = '/teacher'; /* the page's own path, as the C program sees it */
	try {
		$db = db_open(param('XUESHI_DB', 'xueshi.db'));
	} catch (Exception $e) {
		error_log('dashboard.php: ' . $e->getMessage());
		answer(503, 'db_unavailable');
		return;
	}
	try {
		$u = session_user($db, $_COOKIE['xs_session'] ?? null, $now);
		if ($u === null) {
			http_response_code(303);
			header('Location: /login?next=' . $path);
			return;
		}
		if ($u['role'] !== 'teacher') {
			answer(404, 'not_found');
			return;
		}
		if ($u['must_change']) {
			http_response_code(303);
			header('Location: /account/password');
			return;
		}
		$p = new Page('teacher');
		page_context($db, $p, $u, $path);
		$ty = teacher_year_node($db, $p, $u['teacher'], $now);
		if ($ty !== 0) {
			records_node($db, $p, $ty);
			assessment_node($db, $p, $ty);
		}
	} catch (Fail | PDOException $e) {
		error_log('dashboard.php: ' . $e->getMessage());
		/* SQLITE_BUSY / SQLITE_LOCKED: try again, as the C program's 503 */
		$busy = $e instanceof PDOException && in_array($e->errorInfo[1] ?? 0, [5, 6], true);
		answer($busy ? 503 : 500, $busy ? 'busy' : 'internal');
		return;
	}
	$db = null;
	security_headers();
	if (wants_xml()) {
		$p->doc->formatOutput = true;
		header('Content-Type: application/xml; charset=utf-8');
		echo $p->doc->saveXML();
		return;
	}
	/*
	 * The stylesheet, compiled in every request: php-fpm keeps no object
	 * from one request to the next (a static would not survive either).
	 */
	$sheet = new DOMDocument();
	$sheet->load("$xsl_dir/pages/teacher.xsl", LIBXML_NONET | LIBXML_NOCDATA);
	$xslt = new XSLTProcessor();
	$xslt->importStylesheet($sheet);
	$html = $xslt->transformToXml($p->doc);
	if ($html === false || $html === null) {
		answer(500, 'internal');
		return;
	}
	header('Content-Type: text/html; charset=utf-8');
	echo $html;
}

if (PHP_SAPI !== 'cli' || realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__)
	dashboard();
