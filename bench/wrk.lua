-- wrk script for bench/run.py: prints the run's figures as one JSON line.
--
-- GET scenarios use it as it is. With BENCH_BODY_FILE set, every request is a signature: the
-- form body from that file, with BENCH_EMAIL replaced by an address that starts with BENCH_RUN
-- and that no other request uses, the page's cookies (BENCH_COOKIE) and a browser's Origin
-- header (BENCH_ORIGIN). A signature is acknowledged by a redirect or by a 200 that is the
-- thank-you page (BENCH_THANKS_MARKER); a 200 showing the form again is refused.
--
-- With BENCH_TOKEN_FILE (bench/signing.py), BENCH_TOKEN in the body is replaced by a form token
-- of that file, each used once: thread n of N takes lines n, n + N, ...; a request after its
-- thread's last token is counted as "tokens_short" and sent without one. With
-- BENCH_FORWARDED_FOR, each request names an address of its own in X-Forwarded-For.

local body_file = os.getenv("BENCH_BODY_FILE")
local threads = {}

function setup(thread)
   thread:set("thread_number", #threads + 1)
   table.insert(threads, thread)
end

if body_file then
   local template, marker, counter = nil, os.getenv("BENCH_THANKS_MARKER"), 0
   -- Each wrk run has its own addresses: a repeated address is a repeat signature, stored once.
   local run = os.getenv("BENCH_RUN")
   local token_file, forwarded = os.getenv("BENCH_TOKEN_FILE"), os.getenv("BENCH_FORWARDED_FOR")
   local tokens, next_token = {}, 1
   acknowledged, refused, tokens_short = 0, 0, 0

   function init(args)
      local file = assert(io.open(body_file, "rb"))
      template = file:read("*a")
      file:close()
      if token_file then
         local line_number = 0
         for line in io.lines(token_file) do
            -- (The main state's `threads` table is not seen here: wrk runs each thread's own.)
            if line_number % tonumber(os.getenv("BENCH_THREADS")) == thread_number - 1 then
               table.insert(tokens, line)
            end
            line_number = line_number + 1
         end
      end
      wrk.method = "POST"
      wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
      wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")
      if os.getenv("BENCH_COOKIE") ~= "" then
         wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
      end
   end

   function request()
      counter = counter + 1
      local email = run .. "t" .. thread_number .. "n" .. counter .. "%40bench.example.org"
      -- A function as replacement: gsub would read the "%40" in a string as a capture.
      local body = template:gsub("BENCH_EMAIL", function() return email end)
      if token_file then
         local token = tokens[next_token]
         if token then
            next_token = next_token + 1
         else
            tokens_short = tokens_short + 1
            token = ""
         end
         body = body:gsub("BENCH_TOKEN", function() return token end)
      end
      local headers = nil
      if forwarded then
         -- wrk.format uses the headers it is given instead of wrk.headers: a copy, plus one.
         headers = {}
         for name, value in pairs(wrk.headers) do headers[name] = value end
         -- 10.thread.high.low: a different client address for each of 65,536 requests a thread.
         headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", thread_number,
            math.floor(counter / 256) % 256, counter % 256)
      end
      return wrk.format(nil, nil, headers, body)
   end

   function response(status, headers, body)
      if (status >= 300 and status < 400) or (status == 200 and body:find(marker, 1, true)) then
         acknowledged = acknowledged + 1
      elseif status == 200 then
         refused = refused + 1
      end
   end
end

function done(summary, latency, requests)
   local acknowledged, refused, short = 0, 0, 0
   for _, thread in ipairs(threads) do
      acknowledged = acknowledged + (thread:get("acknowledged") or 0)
      refused = refused + (thread:get("refused") or 0)
      short = short + (thread:get("tokens_short") or 0)
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
         .. '"status_errors": %d, "socket_errors": %d, "acknowledged": %d, "refused": %d, '
         .. '"tokens_short": %d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      e.status, e.connect + e.read + e.write + e.timeout, acknowledged, refused, short))
end
