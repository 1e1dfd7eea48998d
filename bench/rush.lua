-- bench/rush.lua: one kind of request of the deadline rush, for wrk.
--
-- bench/rush runs one wrk per kind, all at once, each with this script and
-- RUSH_KIND set; RUSH_DATA names a Lua file of sessions and record ids that
-- bench/rush wrote (see there), RUSH_OUT a file for the counts, RUSH_DELAY_MS
-- the think time of each connection between two requests (the rate is
-- about connections / think time), RUSH_QUOTA (soak) the requests each
-- thread makes before it stops (0: until wrk's duration ends).
--
-- Kinds:
--   dashboard  GET /teacher                      a teacher's own page
--   form       GET /teacher/records/new?item=I   the record form
--   submit     POST /teacher/records/new         a record with a distinct PDF
--                                                of 300 KB to 3 MB, submitted
--   queue      GET /school/review                the school's review queue
--   review     POST /school/records/R/review     approve one submitted record
--   login      POST /login                       a teacher logs in (argon2id)
--
-- Every answer is counted by status. A submit answered 303 has its record
-- id (from Location) written to RUSH_OUT, for bench/rush to check in the
-- database and on disk; the record's description, "rush SERIAL SIZE", names
-- the PDF that was sent with it.

local kind = os.getenv("RUSH_KIND") or "dashboard"
local delay_ms = tonumber(os.getenv("RUSH_DELAY_MS") or "0")
local quota = tonumber(os.getenv("RUSH_QUOTA") or "0")
local nthreads = tonumber(os.getenv("RUSH_THREADS") or "1")
local data = dofile(os.getenv("RUSH_DATA"))

local threads = {}
local counter = 0

function setup(thread)
	counter = counter + 1
	thread:set("index", counter)
	table.insert(threads, thread)
end

statuses = {}               -- globals: done() reads them from each thread
acked = {}                  -- the record id of each acknowledged submit
local made = 0
local serial = 0
local review_next = 0
local filler = nil
local boundary = "----xueshi-rush-7d1c4a"

function init(args)
	-- index is set by setup() before init runs in the thread.
	review_next = index - nthreads
	serial = index * 1000000
	math.randomseed(index * 7919 + os.time())
	if kind == "submit" then
		filler = string.rep("xueshi rush evidence filler line.......................\n", math.floor(3 * 1024 * 1024 / 56) + 1)
	end
end

function delay()
	if delay_ms <= 0 then return 0 end
	return math.random(math.floor(delay_ms / 2), delay_ms + math.floor(delay_ms / 2))
end

local function pick(list)
	return list[math.random(#list)]
end

local function form_escape(s)
	return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function pdf(size)
	local head = string.format("%%PDF-1.4\n%% rush %d\n", serial)
	local tail = "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" ..
		"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" ..
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n" ..
		"trailer<</Root 1 0 R>>\n%%EOF\n"
	return head .. filler:sub(1, size - #head - #tail) .. tail
end

local function field(name, value)
	return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name ..
		"\"\r\n\r\n" .. value .. "\r\n"
end

function request()
	if kind == "dashboard" then
		local s = pick(data.teachers)
		return wrk.format("GET", "/teacher", { Cookie = "xs_session=" .. s.cookie })
	elseif kind == "form" then
		local s = pick(data.teachers)
		return wrk.format("GET", "/teacher/records/new?item=" .. data.item, { Cookie = "xs_session=" .. s.cookie })
	elseif kind == "submit" then
		local s = pick(data.teachers)
		local size = math.random(300 * 1024, 3 * 1024 * 1024)
		serial = serial + 1
		local day = string.format("%s-%02d", data.month, 1 + serial % 28)
		local body = field("csrf", s.csrf) .. field("item", data.item) ..
			field("started_on", day) .. field("ended_on", day) .. field("quantity", "1") ..
			field("organiser", data.organiser) ..
			field("description", "rush " .. serial .. " " .. size) .. field("action", "submit") ..
			"--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"rush.pdf\"\r\n" ..
			"Content-Type: application/pdf\r\n\r\n" .. pdf(size) .. "\r\n--" .. boundary .. "--\r\n"
		return wrk.format("POST", "/teacher/records/new", {
			Cookie = "xs_session=" .. s.cookie,
			["Content-Type"] = "multipart/form-data; boundary=" .. boundary }, body)
	elseif kind == "queue" then
		local a = pick(data.admins)
		return wrk.format("GET", "/school/review", { Cookie = "xs_session=" .. a.cookie })
	elseif kind == "review" then
		-- Each thread takes every n-th record of the list: no record twice.
		review_next = review_next + nthreads
		local r = data.reviews[review_next]
		if r == nil then
			-- Every waiting record approved (bench/rush says when the list is
			-- short): no more reviews; this one goes to the queue instead, and
			-- is counted apart.
			wrk.thread:stop()
			return wrk.format("GET", "/school/review", { Cookie = "xs_session=" .. data.admins[1].cookie })
		end
		local a = data.admins_by_school[r.school]
		return wrk.format("POST", "/school/records/" .. r.id .. "/review", {
			Cookie = "xs_session=" .. a.cookie,
			["Content-Type"] = "application/x-www-form-urlencoded" },
			"decision=approve&csrf=" .. a.csrf)
	else -- login
		local t = pick(data.logins)
		-- The anonymous double-submit token: the same in the cookie and the form.
		return wrk.format("POST", "/login", { ["Content-Type"] = "application/x-www-form-urlencoded",
			Cookie = "xs_csrf=" .. data.anon_csrf },
			"login=" .. form_escape(t) .. "&password=" .. form_escape(data.password) ..
			"&csrf=" .. data.anon_csrf)
	end
end

function response(status, headers, body)
	local key = (kind == "review" and status == 200) and "200-queue" or tostring(status)
	statuses[key] = (statuses[key] or 0) + 1
	if kind == "submit" and status == 303 then
		local loc = headers["Location"] or headers["location"] or ""
		local id = loc:match("/teacher/records/(%d+)")
		-- (Several requests are in flight at once: the record says which PDF it got.)
		table.insert(acked, id or "0")
	end
	made = made + 1
	if quota > 0 and made == quota then
		-- Done: bench/rush waits for every kind's mark, then stops wrk (SIGINT).
		local mark = io.open(os.getenv("RUSH_OUT") .. ".done", "w")
		mark:close()
		wrk.thread:stop()
	end
end

function done(summary, latency, requests)
	local out = io.open(os.getenv("RUSH_OUT"), "w")
	local counts = {}
	for _, t in ipairs(threads) do
		for status, n in pairs(t:get("statuses")) do
			counts[status] = (counts[status] or 0) + n
		end
		for _, line in ipairs(t:get("acked")) do
			out:write("ack ", line, "\n")
		end
	end
	for status, n in pairs(counts) do
		out:write("status ", status, " ", n, "\n")
	end
	out:write(string.format("requests %d\nseconds %.3f\n", summary.requests, summary.duration / 1e6))
	out:write(string.format("p50 %.3f\np99 %.3f\nmax %.3f\n", latency:percentile(50) / 1000,
		latency:percentile(99) / 1000, latency.max / 1000))
	out:write(string.format("errors %d %d %d %d %d\n", summary.errors.connect, summary.errors.read,
		summary.errors.write, summary.errors.timeout, summary.errors.status))
	out:close()
end
