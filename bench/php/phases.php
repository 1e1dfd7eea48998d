<?php
/*
 * bench/php/phases.php - where the PHP peer's time goes, in one CLI
 * process: each phase of dashboard.php repeated N times, the mean in ms.
 * What php-fpm cannot keep from one request to the next (the stylesheet
 * compiled, a SQLite3 connection) is measured apart, so that what keeping
 * them would save can be read off: "stylesheet compile" is what an
 * XSLTProcessor kept across requests would save, "open" what the
 * persistent PDO connection saves.
 *
 *   php bench/php/phases.php DB DATADIR SESSION-TOKEN [N]
 */
declare(strict_types=1);

[$db_path, $datadir, $token] = [$argv[1] ?? '', $argv[2] ?? '', $argv[3] ?? ''];
$n = (int)($argv[4] ?? 200);
if ($token === '' || $n < 1) {
	fwrite(STDERR, "usage: php bench/php/phases.php DB DATADIR SESSION-TOKEN [N]\n");
	exit(2);
}
$_SERVER['XUESHI_DB'] = $db_path;
$_SERVER['XUESHI_DATADIR'] = $datadir;
require __DIR__ . '/dashboard.php';

function ms(callable $f, int $n): float
{
	$f();
	$t = hrtime(true);
	for ($i = 0; $i < $n; $i++)
		$f();
	return (hrtime(true) - $t) / 1e6 / $n;
}

$now = time();
$db = db_open($db_path);
$u = session_user($db, $token, $now);
if ($u === null) {
	fwrite(STDERR, "phases.php: no session for that token\n");
	exit(1);
}
$build = function () use ($db, $u, $now): Page {
	$p = new Page('teacher');
	page_context($db, $p, $u, '/teacher');
	$ty = teacher_year_node($db, $p, $u['teacher'], $now);
	if ($ty !== 0) {
		records_node($db, $p, $ty);
		assessment_node($db, $p, $ty);
	}
	return $p;
};
$p = $build();
$sheet = "$datadir/xsl/pages/teacher.xsl";
$compile = function () use ($sheet): XSLTProcessor {
	$d = new DOMDocument();
	$d->load($sheet, LIBXML_NONET | LIBXML_NOCDATA);
	$x = new XSLTProcessor();
	$x->importStylesheet($d);
	return $x;
};
$x = $compile();
$phases = [
	'open (a new SQLite connection and its first statement)' => function () use ($db_path) {
		$c = new PDO("sqlite:$db_path");
		$c->query('SELECT count(*) FROM session')->fetchAll();
	},
	'session + the document without the assessment' => function () use ($db, $token, $now) {
		$u = session_user($db, $token, $now);
		$p = new Page('teacher');
		page_context($db, $p, $u, '/teacher');
		$ty = teacher_year_node($db, $p, $u['teacher'], $now);
		if ($ty !== 0)
			records_node($db, $p, $ty);
	},
	'the whole document (with the assessment)' => $build,
	'the document as XML text' => function () use ($p) {
		$p->doc->formatOutput = true;
		$p->doc->saveXML();
	},
	'stylesheet compile (parse and import: what a kept XSLTProcessor saves)' => $compile,
	'transform (key() over document(strings.zh-CN.xml) each time)' => function () use ($x, $p) {
		$x->transformToXml($p->doc);
	},
	'compile + transform (what each php-fpm request does)' => function () use ($compile, $p) {
		$compile()->transformToXml($p->doc);
	},
];
printf("PHP %s, one process, mean of %d (ms):\n", PHP_VERSION, $n);
foreach ($phases as $name => $f)
	printf("  %-72s %7.3f\n", $name, ms($f, $n));
