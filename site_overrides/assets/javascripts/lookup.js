// The lookup page: a code in any form, or a whole pasted NDR, to the entries
// that explain it.  A port of generator/parse.py, generator/bounce.py (on the
// text as mime.js decodes it, not MIME-parsed) and generator/resolve.py,
// tested against the same vectors (generator/data/*_vectors.json).
// Results are built from DOM nodes and textContent only: the query, the URL
// and the hash never reach innerHTML.
(function () {
  "use strict";

  // --- codes.py -------------------------------------------------------------
  var GLUED_BEFORE = "(?<![A-Za-z0-9_.])";
  var GLUED_AFTER = "(?![A-Za-z0-9_]|\\.[0-9])";
  // Python's "$" also matches before a final newline.
  var END = "(?=\\n?$)";
  // Python's smtplib keeps the two codes apart in a tuple: "(553, b'5.1.3 ...')".
  var REPLY_BEFORE_RE = new RegExp(
    "(<<<[ \\t]*)?(?<![A-Za-z0-9_.])([245][0-9][0-9])(?:[ \\t\\u00a0-]+#?|(?<=\\([245][0-9][0-9]), [bu]?['\"])" + END);
  var VERSION_BEFORE_RE = new RegExp(
    "(?:\\bv|\\bver\\.?|\\bversion|\\brelease|\\bbuild|\\brev\\.?|[A-Za-z][\\w-]*/)[ \\t]*" + END, "i");
  var LOOKBEHIND_CHARS = 40;
  var CODE_RE = /^[245X]\.[0-9]{1,3}\.[0-9]{1,3}$/;
  var CLASSES = { "2": "success", "4": "transient", "5": "permanent", "X": "any" };

  function normalize(code) {
    var parts = code.split(".");
    return parts[0].toUpperCase() + "." + parseInt(parts[1], 10) + "." + parseInt(parts[2], 10);
  }

  function before(text, start) {
    return text.slice(Math.max(0, start - LOOKBEHIND_CHARS), start);
  }

  // {reply, transcript} of the reply code right before text[start:], or null.
  // Most codes follow none, told apart without the search, which tries every offset.
  function replyBefore(text, start) {
    var window = before(text, start);
    var beforeHash = window.replace(/\n$/, "").replace(/#+$/, "");
    var beforeGap = beforeHash.replace(/[ \t\u00a0-]+$/, "");
    var inTuple = /['"]$/.test(beforeHash);
    if (!inTuple && (beforeGap.length === beforeHash.length ||
                     "245".indexOf(beforeGap.charAt(beforeGap.length - 3) || "x") < 0)) {
      return null;
    }
    var match = REPLY_BEFORE_RE.exec(window);
    return match ? { reply: match[2], transcript: Boolean(match[1]) } : null;
  }

  function versionBefore(text, start) {
    var window = before(text, start);
    var last = window.replace(/\n$/, "").replace(/[ \t]+$/, "").slice(-1);
    if (!/[A-Za-z\/.]/.test(last)) return false;  // every marker ends so
    return VERSION_BEFORE_RE.test(window);
  }

  // --- parse.py: one line of text -------------------------------------------
  var COMPACT_RE = /^\s*#?(([45])([0-7])([1-9][0-9]{1,2}))\s*$/;
  var DOTTED_SOURCE = GLUED_BEFORE + "#?([245Xx]\\.[0-9]{1,3}\\.[0-9]{1,3})" + GLUED_AFTER;
  var LINE_BREAK_RE = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

  function fromFullwidth(text) {
    return text.replace(/[\uff01-\uff5e\u3000]/g, function (ch) {
      return ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
    });
  }

  function isBounce(text) {
    return text.split(LINE_BREAK_RE).filter(function (line) { return line.trim(); }).length > 1;
  }

  function found(text, match) {
    var reply = replyBefore(text, match.index);
    return { code: normalize(match[1]), reply: reply ? reply.reply : null };
  }

  function dottedCodes(query) {
    var out = [];
    var re = new RegExp(DOTTED_SOURCE, "g");
    var textStarts = query.search(/\S/);  // where the query's first non-blank character is
    var match;
    while ((match = re.exec(query))) {
      if (versionBefore(query, match.index)) continue;
      if (match[1].charAt(0) === "2" && match.index > textStarts &&
          !replyBefore(query, match.index)) continue;
      out.push(found(query, match));
    }
    return out;
  }

  function unique(items) {
    var seen = {};
    return items.filter(function (item) {
      if (seen[item.code]) return false;
      seen[item.code] = true;
      return true;
    });
  }

  // parseQuery, extractCodes, TextEvidence and prepareBounce each read raw text
  // as mime.js decodes it (tests and the reasons engine call them on raw text);
  // lookup() decodes a paste once and passes DECODED so that none decodes it again.
  var DECODED = true;

  function plainText(text, decoded) {
    return decoded === DECODED ? text : MfkbMime.decodeMessage(text);
  }

  function parseQuery(text, decoded) {
    if (isBounce(text)) return bounceCodes(text, decoded);
    var query = fromFullwidth(text);
    var compact = COMPACT_RE.exec(query);
    if (compact) return [{ code: compact[2] + "." + compact[3] + "." + compact[4], reply: null }];
    return unique(dottedCodes(query));
  }

  // --- bounces/message.py: a pasted NDR, as text --------------------------------
  var BOUNCE_CODE_RE = new RegExp(GLUED_BEFORE + "#?([245]\\.[0-7]\\.[0-9]{1,3})" + GLUED_AFTER, "g");
  var FIELD_RE = /^([A-Za-z][\w-]*):[^\n]*(?:\n[ \t][^\n]*)*/gm;
  var ORIGINAL_HEADERS_RE = new RegExp(
    "^(?:Return-Path|Received|Message-ID|DKIM-Signature|MIME-Version|From|Date(?=:[ \\t]*(?:[A-Za-z]{3},[ \\t]*)?[0-9]{1,2}[ \\t]+[A-Za-z]{3}[ \\t])):(?![^\\n]*[ \\t]To:[ \\t]*<)[^\\n]*\\n" +
    "(?:[ \\t][^\\n]*\\n)*(?!Sent:)[A-Za-z][\\w-]*:" +
    // a line announcing the returned message inline (bounces/message.py ORIGINAL_MARKER_RE)
    "|^[ \\t]*(?:-{2,} ?(?:Original message|Below this line is a copy of the message|This is a copy of the message|The header of the original message|Original message follows)|Original (?:mail|message) as follows:?[ \\t]*$|Original message headers:[ \\t]*$)", "im");
  var HEADER_LINE_RE = /^[!-9;-~]+:/;
  // not a paste that starts with a delivery-status field, nor with a program's "Net::..." or an exception's
  // name ("SMTPRecipientsRefused: ...") (bounces/message.py MESSAGE_START_RE)
  var MESSAGE_START_RE = /^(?!(?:Reporting-MTA|Final-Recipient|Original-Recipient|Remote-MTA|Diagnostic-Code|Action)[ \t]*:)(?![A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*:|[A-Za-z]:)(?:From |[A-Za-z][\w-]*:(?!:))/;
  // nor with a program's log: a lower-case label ("smtp-in: ...", "queue: ...") or an exception's class
  // ("Horde_Smtp_Exception: ...") and no field that a message's header has in the block
  // (bounces/message.py starts_with_headers)
  var LOG_LABEL_RE = /^(?:[a-z][a-z0-9-]*|[A-Za-z][A-Za-z0-9_]*(?:Exception|Error)):/;
  var MESSAGE_FIELD_RE = /^(?:from|to|cc|subject|date|received|return-path|message-id|mime-version|content-type|delivered-to|envelope-to|reply-to|sender|x-[\w-]+)[ \t]*:/im;

  function startsWithHeaders(text) {
    if (!MESSAGE_START_RE.test(text)) return false;
    return !LOG_LABEL_RE.test(text) || MESSAGE_FIELD_RE.test(text.split(/\n[ \t]*\n/)[0]);
  }

  var DSN_FIELDS = { "diagnostic-code": "diagnostic", "status": "status" };
  var TIER = { DIAGNOSTIC: 0, TRANSCRIPT: 1, STATUS: 2, PROSE_REPLY: 3, PROSE: 4, GENERIC: 5, LOOSE: 6 };
  var TIERS_PER_LEVEL = 7;
  // What may stand before a status in prose on its line (bounces/message.py STATUS_LEAD_RE).
  var STATUS_LEAD_RE = /(?:^|[#(\[:=>]|\b(?:status|code|dsn|error|reason|reply|smtp|diagnostic)s?)[ \t]*$/i;

  // Pasted HTML (a bounce's HTML part, a tracker's export with its links) as text, as Python reads
  // HTML parts (message.py _html_as_text): part by part, as Python reads each text part
  // (message.py _part_text), so that a returned original's HTML does not make the report's own
  // "<unknown[192.0.2.1]>" a tag; a delivery-status part is never HTML.
  // A bracketed reply in a text part ("<421 4.4.2 Connection timed out>") is not a tag; tags
  // start with a letter, "/" or "!".
  var PASTED_HTML_RE = /<(?:html|body|p|div|br|table|td)\b|<a\s+href=/i;
  // A part whose own header block (at its start) declares HTML; not a returned original's header
  // copied further down in a text part.
  var HTML_PART_RE = /^(?:From [^\n]*\n)?(?:[A-Za-z][\w-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)*?Content-Type:[ \t]*text\/html\b/i;
  var DELIVERY_STATUS_PART_RE = /^Content-Type:[ \t]*message\/(?:global-)?delivery-status\b/im;

  function htmlAsText(text) {
    if (!PASTED_HTML_RE.test(text) && !/^Content-Type:[ \t]*text\/html\b/im.test(text)) return text;
    return MfkbMime.parts(text).map(function (part) {
      var html = HTML_PART_RE.test(part) || PASTED_HTML_RE.test(part);
      return html && !DELIVERY_STATUS_PART_RE.test(part) ? partHtmlAsText(part) : part;
    }).join("\n");
  }

  // A recipient's <a@b> is no tag.
  var BRACKETED_ADDRESS_RE = /<([^<>\s]+@[^<>\s]+)>/g;

  function partHtmlAsText(text) {
    return text.replace(BRACKETED_ADDRESS_RE, "&lt;$1&gt;").replace(/<[A-Za-z\/!][^<>]*>/g, " ")
      .replace(/&(?:#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, entityText);
  }

  // A name as the browser reads it (its parser, HTML5's names, as Python's html.unescape), each
  // name read once (a textarea's content is text, never markup); a number as the character it
  // names, U+FFFD for none (message.py _entity).
  var entityReader = document.createElement("textarea");
  var namedEntities = Object.create(null);

  function entityText(entity) {
    if (entity.charAt(1) === "#") {
      var hex = entity.charAt(2).toLowerCase() === "x";
      var code = parseInt(entity.slice(hex ? 3 : 2, -1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
    }
    if (!(entity in namedEntities)) {
      entityReader.innerHTML = entity;
      namedEntities[entity] = entityReader.value;
    }
    return namedEntities[entity];
  }

  // A pasted whole message starts with its header block; of it only the DSN
  // fields count (Received lines hold IDs, versions and dates).
  // As Python's email parser: an mbox "From " line, then header lines and
  // their continuations up to a blank line (skipped) or any other line.
  function splitHeaders(text) {
    var lines = text.split("\n");
    // a pasted report without a header block (bounces/message.py parse_message)
    if (!startsWithHeaders(text)) return { dsn: "", body: text };
    var end = /^From /.test(lines[0]) ? 1 : 0;
    var first = end;
    while (end < lines.length && (HEADER_LINE_RE.test(lines[end]) || (end > first && /^[ \t]/.test(lines[end])))) end++;
    var head = lines.slice(first, end).join("\n");
    if (end < lines.length && lines[end] === "") end++;
    var dsn = [];
    head.replace(FIELD_RE, function (field, name) {
      if (DSN_FIELDS[name.toLowerCase()]) dsn.push(field);
      return field;
    });
    return { dsn: dsn.join("\n"), body: lines.slice(end).join("\n") };
  }

  function fieldsOf(text) {
    var fields = [];
    var match;
    FIELD_RE.lastIndex = 0;
    while ((match = FIELD_RE.exec(text))) {
      fields.push({ start: match.index, end: match.index + match[0].length, name: match[1].toLowerCase() });
    }
    return fields;
  }

  // The field that holds offset, found by halving (fields are in text order).
  function fieldAt(fields, offset) {
    var low = 0, high = fields.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (fields[middle].start <= offset) low = middle + 1;
      else high = middle;
    }
    var field = fields[low - 1];
    if (!field) return null;
    return offset < field.end ? DSN_FIELDS[field.name] || "other" : null;
  }

  function isGeneric(code) { return /\.0\.0$/.test(code); }
  function isExpiry(code) { return code.slice(1) === ".4.7"; }

  function tier(text, match, fields) {
    var code = normalize(match[1]);
    var field = fieldAt(fields, match.index);
    if (field === "status") return isGeneric(code) || isExpiry(code) ? TIER.GENERIC : TIER.STATUS;
    if (field !== "diagnostic" && (code.charAt(0) === "2" || versionBefore(text, match.index))) return null;
    if (isExpiry(code)) return TIER.GENERIC;
    if (field === "diagnostic") return TIER.DIAGNOSTIC;
    var reply = replyBefore(text, match.index);
    if (reply && reply.transcript) return TIER.TRANSCRIPT;
    if (reply) return TIER.PROSE_REPLY;
    return statusLead(text, match.index) ? TIER.PROSE : TIER.LOOSE;
  }

  // The line's start is sought no further back than the lead it could give (message.py
  // _status_lead): on a line of a megabyte, seeking it for each code took time in the line's square.
  function statusLead(text, start) {
    var from = Math.max(0, start - LOOKBEHIND_CHARS - 1);
    var lineEnd = text.slice(from, start).lastIndexOf("\n");
    var lead = lineEnd < 0 && start > LOOKBEHIND_CHARS ? "\u0000" + text.slice(start - LOOKBEHIND_CHARS, start)
      : text.slice(from + lineEnd + 1, start);
    return STATUS_LEAD_RE.test(lead);
  }

  function textHits(text, level, hits) {
    // a session transcript's message data is no returned message (reasons.js withoutTranscriptData)
    var transcript = window.MfkbReasons ? window.MfkbReasons.withoutTranscriptData(text) : text;
    var originalAt = transcript.search(ORIGINAL_HEADERS_RE);
    if (originalAt < 0) originalAt = text.length;
    var fields = fieldsOf(text);
    var match;
    BOUNCE_CODE_RE.lastIndex = 0;
    while ((match = BOUNCE_CODE_RE.exec(text))) {
      var rank = tier(text, match, fields);
      if (rank === null) continue;
      var embedded = match.index >= originalAt ? 1 : 0;
      hits.push({ code: normalize(match[1]), rank: (level + embedded) * TIERS_PER_LEVEL + rank, order: hits.length });
    }
  }

  function extractCodes(text, decoded) {
    var parts = splitHeaders(htmlAsText(plainText(text, decoded)));
    var hits = [];
    textHits(parts.dsn, 0, hits);
    textHits(parts.body, 0, hits);
    hits.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
    // The report's own statuses, when it has any, hide the original's codes and loose numbers.
    if (hits.length && hits[0].rank < TIER.LOOSE) hits = hits.filter(function (hit) { return hit.rank < TIER.LOOSE; });
    return unique(hits).map(function (hit) { return hit.code; });
  }

  // Each code the extractor returned with the reply code before it where it first stands after
  // one, else where it first stands (parse.py _bounce_codes): found in one pass (looking each
  // code up anew took quadratic time).
  function bounceCodes(text, decoded) {
    var plain = plainText(text, decoded);
    var first = Object.create(null);
    var re = new RegExp(DOTTED_SOURCE, "g");
    var match;
    while ((match = re.exec(plain))) {
      var code = normalize(match[1]);
      if (first[code] && first[code].reply !== null) continue;
      var item = found(plain, match);
      if (!first[code] || item.reply !== null) first[code] = item;
    }
    return extractCodes(plain, DECODED).map(function (code) {
      return first[code] || { code: code, reply: null };
    });
  }

  // --- bounces/emitter.py and bounces/meanings.py: vendor meanings ---------
  var HOST = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}(?![A-Za-z0-9-])";
  var NAMED_HOST_SOURCE = "\\b(?:host|server)\\s+(" + HOST + ")";
  var BRACKETED_HOST_SOURCE = "\\[(" + HOST + ")";
  var REMOTE_MTA_SOURCE = "^Remote-MTA:[ \\t]*(?:dns;[ \\t]*)?(" + HOST + ")";
  var REPORTING_MTA_SOURCE = "^(?:Reporting-MTA:[ \\t]*(?:dns;[ \\t]*)?|Generating server:[ \\t]*)(" + HOST + ")";
  var STATUS_SOURCE = GLUED_BEFORE + "#?([245]\\.[0-9]{1,3}\\.[0-9]{1,3})" + GLUED_AFTER;
  var HOST_TIERS = ["reply", "remote-mta", "reporting-mta"];

  function hostsIn(source, flags, text) {
    var re = new RegExp(source, flags), seen = {}, out = [], match;
    while ((match = re.exec(text))) {
      var host = match[1].toLowerCase();
      if (!seen[host]) { seen[host] = true; out.push(host); }
    }
    return out;
  }

  // A line and the indented lines that continue it.
  function logicalLines(text) {
    var out = [];
    text.split("\n").forEach(function (line) {
      if (/^[ \t]/.test(line) && out.length) out[out.length - 1] += "\n" + line;
      else out.push(line);
    });
    return out.filter(function (line) { return line; });
  }

  function holds(line, code) {
    var re = new RegExp(STATUS_SOURCE, "g"), match;
    while ((match = re.exec(line))) if (normalize(match[1]) === code) return true;
    return false;
  }

  function TextEvidence(text, decoded) {
    this.text = plainText(text, decoded);
    this.lines = logicalLines(this.text);
    this.reportHosts = {
      "remote-mta": hostsIn(REMOTE_MTA_SOURCE, "gim", this.text),
      "reporting-mta": hostsIn(REPORTING_MTA_SOURCE, "gim", this.text),
    };
  }

  // {lines, hosts, where}: the code's lines, and the hosts of the first tier that names any.
  TextEvidence.prototype.forCode = function (code) {
    var lines = this.lines.filter(function (line) { return holds(line, code); });
    var said = lines.join("\n");
    var named = hostsIn(NAMED_HOST_SOURCE, "gi", said);
    var tiers = { reply: named.length ? named : hostsIn(BRACKETED_HOST_SOURCE, "gi", said) };
    tiers["remote-mta"] = this.reportHosts["remote-mta"];
    tiers["reporting-mta"] = this.reportHosts["reporting-mta"];
    var where = null;
    for (var i = 0; i < HOST_TIERS.length; i++) if (tiers[HOST_TIERS[i]].length) { where = HOST_TIERS[i]; break; }
    return { lines: lines.join(" ").replace(/\s+/g, " ").trim(), hosts: where ? tiers[where] : [], where: where };
  };

  function hostMatches(host, pattern) {
    host = host.toLowerCase().replace(/\.$/, "");
    pattern = pattern.toLowerCase();
    if (pattern.slice(0, 2) === "*.") {
      var domain = pattern.slice(1);
      return host.length > domain.length && host.slice(-domain.length) === domain;
    }
    return host === pattern;
  }

  // The entries' vendor meanings (the API index's `meanings`), by code.
  function Meanings(entries) {
    this.byCode = {};
    (entries || []).forEach(function (entry) {
      (entry.meanings || []).forEach(function (meaning) {
        meaning.codes.forEach(function (code) {
          (this.byCode[code] = this.byCode[code] || []).push({ entry: entry.code, meaning: meaning });
        }, this);
      }, this);
    }, this);
  }

  Meanings.prototype.has = function (code) { return Object.prototype.hasOwnProperty.call(this.byCode, code); };

  // Reply text first, then the host: {entry, meaning, by, matched, host, where}, or null.
  Meanings.prototype.choose = function (code, evidence) {
    var rules = this.has(code) ? this.byCode[code] : [];
    var said = evidence.lines.toLowerCase();
    var i, j, k;
    for (i = 0; i < rules.length; i++) {
      var reply = rules[i].meaning.match.reply;
      for (j = 0; j < reply.length; j++) {
        if (said.indexOf(reply[j].toLowerCase()) >= 0) {
          return { entry: rules[i].entry, meaning: rules[i].meaning, by: "reply", matched: reply[j], host: null, where: null };
        }
      }
    }
    for (i = 0; i < rules.length; i++) {
      var hosts = rules[i].meaning.match.hosts;
      for (j = 0; j < hosts.length; j++) {
        for (k = 0; k < evidence.hosts.length; k++) {
          if (hostMatches(evidence.hosts[k], hosts[j])) {
            return { entry: rules[i].entry, meaning: rules[i].meaning, by: "host", matched: hosts[j],
                     host: evidence.hosts[k], where: evidence.where };
          }
        }
      }
    }
    return null;
  };

  // --- resolve.py -----------------------------------------------------------
  function covers(entry, code) {
    if (!entry.range_end) return false;
    var first = entry.code.split("."), last = entry.range_end.split("."), wanted = code.split(".");
    var detail = parseInt(wanted[2], 10);
    return wanted[0] === first[0] && wanted[1] === first[1] &&
      parseInt(first[2], 10) <= detail && detail <= parseInt(last[2], 10);
  }

  function KnownCodes(entries) {
    this.entries = {};
    this.aliasOwner = {};
    this.ranges = [];
    for (var i = 0; i < entries.length; i++) {
      var entry = entries[i];
      this.entries[entry.code] = entry;
      (entry.aliases || []).forEach(function (alias) { this.aliasOwner[alias] = entry.code; }, this);
      if (entry.range_end) this.ranges.push(entry);
    }
  }

  KnownCodes.prototype.rangeFor = function (code) {
    for (var i = 0; i < this.ranges.length; i++) if (covers(this.ranges[i], code)) return this.ranges[i].code;
    return null;
  };

  KnownCodes.prototype.resolve = function (code) {
    var has = Object.prototype.hasOwnProperty;
    if (has.call(this.entries, code)) return { entry: code, via: "exact" };
    if (has.call(this.aliasOwner, code)) return { entry: this.aliasOwner[code], via: "alias" };
    var inRange = this.rangeFor(code);
    if (inRange) return { entry: inRange, via: "range" };
    if (code.charAt(0) !== "X") {
      var general = "X" + code.slice(1);
      var match = has.call(this.entries, general) ? general : this.rangeFor(general);
      if (match) return { entry: match, via: "class-agnostic" };
    }
    return { entry: null, via: "none" };
  };

  function explains(code, resolution) {
    if (resolution.via === "alias") {
      if (code.charAt(0) === "5" && resolution.entry.charAt(0) === "4") return "expired";
      if (code.charAt(0) === "4" && resolution.entry.charAt(0) === "5") return "deferred";
      return null;
    }
    return resolution.via === "exact" ? null : resolution.via;
  }

  function lookup(text, known, rules, meanings) {
    text = plainText(text);
    var evidence = null;
    var matches = parseQuery(text, DECODED).map(function (item) {
      var resolution = known.resolve(item.code);
      var meaning = null;
      if (meanings && meanings.has(item.code)) {
        evidence = evidence || new TextEvidence(text, DECODED);
        meaning = meanings.choose(item.code, evidence.forCode(item.code));
      }
      return {
        code: item.code, reply: item.reply, entry: resolution.entry, via: resolution.via,
        explains: explains(item.code, resolution), "class": CLASSES[item.code.charAt(0)], meaning: meaning,
      };
    });
    return rules ? withReasons(text, matches, rules, evidence) : matches;
  }

  // --- reasons (generator/lookup.py with_reasons; the engine is reasons.js) ---
  // As bounces/message.py reads a bounce's parts; an HTML part's tags go, but not the
  // <address> of a recipient in its text parts.
  function prepareBounce(text, decoded) {
    return htmlAsText(plainText(text, decoded));
  }

  function prepareDecoded(plain) { return prepareBounce(plain, DECODED); }

  // The codes whose lines name a failed recipient first (lookup.py with_reasons).
  function withReasons(text, matches, rules, evidence) {
    var codes = matches.map(function (m) { return m.code; });
    var attached = rules.attachReasons(text, codes, isBounce(text), prepareDecoded);
    function failed(reason) {
      return (attached.verdicts || []).filter(function (verdict) { return verdict.reason === reason; });
    }
    matches.forEach(function (match, i) {
      match.reason = attached.byCode[i];
      match.failed = failed(match.reason);
    });
    if (attached.verdicts && matches.length > 1) {
      evidence = evidence || new TextEvidence(text, DECODED);
      matches = window.MfkbReasons.recipientsFirst(text, codes, attached.verdicts, function (code) {
        return evidence.lines.filter(function (line) { return holds(line, code); });
      }).map(function (index) { return matches[index]; });
    }
    function alone(reason) {
      return { code: null, reply: null, entry: null, via: "none", explains: null, "class": null, reason: reason,
               failed: failed(reason) };
    }
    return attached.before.map(alone).concat(matches, attached.after.map(alone));
  }

  function reasonBlock(matches, page) {
    var reasons = [];
    var firsts = {};
    matches.forEach(function (match) {
      if (match.reason && reasons.indexOf(match.reason) < 0) {
        reasons.push(match.reason);
        firsts[match.reason] = match;
      }
    });
    if (!reasons.length) return null;
    var verdicts = [];
    reasons.forEach(function (reason) { verdicts = verdicts.concat(firsts[reason].failed || []); });
    var delayed = stillRetried(verdicts);
    var markDelayed = !delayed && verdicts.some(isDelayed);  // lookup.py partly_retried
    var block = element("section", "mfkb-lookup-why");
    block.appendChild(element("h2", "mfkb-lookup-why-title", page.text[whyHeading(verdicts, delayed, reasons, page)]));
    if (delayed) delayLines(verdicts, page).forEach(function (line) { block.appendChild(line); });
    var list = element("div", "mfkb-lookup-reasons");
    reasons.forEach(function (reason) {
      var item = element("h3", "mfkb-lookup-reason");
      var link = element("a", "mfkb-lookup-reason-link", (page.reasons && page.reasons[reason]) || reason);
      link.href = page.reason_pages + reason + "/";
      link.setAttribute("data-reason", reason);
      item.appendChild(link);
      list.appendChild(item);
      // What it is, whom it is about and what the server said, the sender's first step (cli/lookup.py).
      var says = page.reason_texts && page.reason_texts[reason];
      if (says) list.appendChild(element("p", "mfkb-lookup-reason-summary", says.summary));
      var said = saidList(firsts[reason].failed || [], page, markDelayed);
      if (said) list.appendChild(said);
      if (says) {
        var fix = element("p", "mfkb-lookup-reason-fix");
        fix.appendChild(element("strong", null, page.text["sender-can"] + ":"));
        fix.appendChild(document.createTextNode(" " + says.fix));
        list.appendChild(fix);
      }
    });
    block.appendChild(list);
    return block;
  }

  // A delay warning: every recipient is still being retried (lookup.py still_retried, delay_lines).
  function isDelayed(verdict) { return verdict.delayed; }

  function stillRetried(verdicts) { return verdicts.length > 0 && verdicts.every(isDelayed); }

  // The answer's heading: a text that is no bounce, a delay warning, a report of deliveries, or a bounce
  // (lookup.py why_heading).
  function whyHeading(verdicts, delayed, reasons, page) {
    if (notBounce(reasons, page)) return "why-not-bounce";
    if (delayed) return "why-delayed";
    var delivered = verdicts.length > 0 && verdicts.every(function (verdict) { return verdict.reason === "delivered"; });
    return delivered ? "why-delivered" : "why";
  }

  // Every reason says what a text that is no bounce is (an automatic reply, a complaint: rules.json not_bounce;
  // lookup.py is_not_bounce).
  function notBounce(reasons, page) {
    var kinds = page.rules && page.rules.not_bounce;
    if (!kinds || !reasons.length) return false;
    var named = kinds.structure.concat(kinds.words).map(function (item) { return item.reason; });
    return reasons.every(function (reason) { return named.indexOf(reason) >= 0; });
  }

  function delayLines(verdicts, page) {
    var lines = [element("p", "mfkb-lookup-delayed", page.text.delayed)];
    var retry = verdicts.map(function (verdict) { return verdict.retry; }).filter(Boolean)[0];
    if (retry) lines.push(element("p", "mfkb-lookup-retry", format(page.text["retry-said"], { words: retry })));
    return lines;
  }

  // Whom a reason is about and what the server said, and, in a report where only some recipients
  // are still being retried (markDelayed: lookup.py partly_retried), which are (lookup.py said_lines).
  function saidList(failed, page, markDelayed) {
    var lines = failed.map(function (verdict) {
      var line = !verdict.reply ? verdict.recipient
        : format(page.text[verdict.recipient ? "recipient-said" : "server-said"],
                 { address: verdict.recipient, reply: verdict.reply });
      return line && { said: line, retried: markDelayed && verdict.delayed ? page.text["still-retried"] : null };
    }).filter(Boolean);
    if (!lines.length) return null;
    var list = element("div", "mfkb-lookup-said-all");
    list.appendChild(saidItems(lines.length > SAID_SHOWN + 1 ? lines.slice(0, SAID_SHOWN) : lines));
    if (lines.length > SAID_SHOWN + 1) {
      // The rest folded, so that what the sender can do stays in sight under a long list.
      var more = element("details", "mfkb-lookup-said-more");
      more.appendChild(element("summary", null, format(page.text["more-recipients"], { count: lines.length - SAID_SHOWN })));
      more.appendChild(saidItems(lines.slice(SAID_SHOWN)));
      list.appendChild(more);
    }
    return list;
  }

  var SAID_SHOWN = 3;

  function saidItems(lines) {
    var list = element("ul", "mfkb-lookup-said");
    lines.forEach(function (line) {
      var item = list.appendChild(element("li", null, line.said));
      // Set apart, not lost at the end of a long reply: this one is not a bounce (yet).
      if (line.retried) item.append(" ", element("strong", "mfkb-lookup-retried", line.retried));
    });
    return list;
  }

  // --- the page -------------------------------------------------------------
  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resultItem(match, page, index) {
    var item = element("li", "mfkb-lookup-match");
    var head = element("p", "mfkb-lookup-head");
    head.appendChild(element("code", "mfkb-lookup-code", (match.reply ? match.reply + " " : "") + match.code));
    var entry = match.entry && index.byCode[match.entry];
    if (entry && CODE_RE.test(entry.code)) {
      head.appendChild(document.createTextNode(" \u2192 "));
      var link = element("a", "mfkb-lookup-entry", entry.code + " " + (entry.title[page.lang] || entry.title.en));
      link.href = page.entries + entry.code + "/";
      head.appendChild(link);
    }
    item.appendChild(head);
    if (match.meaning) meaningLines(match, page).forEach(function (line) { item.appendChild(line); });
    if (match.explains) {
      item.appendChild(element("p", "mfkb-lookup-note",
        format(page.text[match.explains], { code: match.code, entry: match.entry || "" })));
    }
    item.appendChild(element("p", "mfkb-lookup-class", page.classes[severityKey(match)]));
    return item;
  }

  // The class line's key (lookup.py severity_key): a transient code of recipients the report says
  // were not delivered, none still being retried, is not being retried either.
  function severityKey(match) {
    var failed = match.failed || [];
    if (match["class"] === "transient" && failed.length && !failed.some(isDelayed)) return "transient-failed";
    return match["class"];
  }

  // "From Exchange Online, 5.7.3 means: <title, linked to its section>." and why it was chosen.
  function meaningLines(match, page) {
    var chosen = match.meaning;
    var said = element("p", "mfkb-lookup-meaning");
    var parts = format(page.meaning.meaning, { emitter: chosen.meaning.emitter, code: match.code, title: "\u0000" })
      .split("\u0000");
    var link = element("a", "mfkb-lookup-meaning-title",
                       chosen.meaning.title[page.lang] || chosen.meaning.title.en);
    link.href = chosen.meaning.urls[page.lang] || chosen.meaning.urls.en;
    said.appendChild(document.createTextNode(parts[0]));
    said.appendChild(link);
    said.appendChild(document.createTextNode(parts.slice(1).join("")));
    var why = element("p", "mfkb-lookup-meaning-why",
                      format(page.meaning[chosen.by], { matched: chosen.matched, host: chosen.host || "" }));
    return [said, why];
  }

  function show(results, text, page, index) {
    results.replaceChildren();
    if (!text.trim()) return;
    var matches = lookup(text, index.known, index.rules, index.meanings);
    if (!matches.length) {
      results.appendChild(element("p", "mfkb-lookup-none", page.text["no-codes"]));
      return;
    }
    var why = reasonBlock(matches, page);
    if (why) results.appendChild(why);
    var coded = matches.filter(function (match) { return match.code; });
    if (!coded.length) {
      // A text that is no bounce is not missing a status code (lookup.py is_not_bounce).
      var reasons = matches.map(function (match) { return match.reason; }).filter(Boolean);
      if (!notBounce(reasons, page)) results.appendChild(element("p", "mfkb-lookup-none", page.text["no-codes-reason"]));
      return;
    }
    var codes = element("section", "mfkb-lookup-codes");
    codes.appendChild(element("h2", "mfkb-lookup-codes-title", page.text.codes));
    var list = element("ol", "mfkb-lookup-list");
    coded.forEach(function (match) { list.appendChild(resultItem(match, page, index)); });
    codes.appendChild(list);
    results.appendChild(codes);
  }

  // After "Look up", focus goes to the answer's first heading, which a screen reader then reads;
  // after a paste (the reader may still be editing) or on opening the page, focus stays and
  // the status line says what came (never both: that would say it twice).
  function announce(results, status, moveFocus) {
    var heading = results.querySelector("h2");
    status.textContent = "";
    if (moveFocus && heading) {
      heading.tabIndex = -1;
      heading.focus();
      return;
    }
    status.textContent = summary(results);
  }

  // The first heading and the reasons or codes under it, or the answer's one line.
  function summary(results) {
    var heading = results.querySelector("h2");
    if (!heading) return results.textContent;
    var under = heading.parentNode.querySelectorAll(".mfkb-lookup-reason, .mfkb-lookup-code");
    return heading.textContent + ": " + Array.prototype.map.call(under, function (node) {
      return node.textContent;
    }).join(", ");
  }

  function keepInAddress(text) {
    if (!window.history || !history.replaceState) return;
    var url = new URL(location.href);
    if (text.length <= 200 && !isBounce(text)) url.searchParams.set("q", text.trim());
    else url.searchParams.delete("q");
    history.replaceState(null, "", url.toString());
  }

  // Material's search also reads ?q= and would open its search box over this
  // page.  This script runs before Material's bundle: it takes q out of the
  // address, and puts it back once the page has loaded.
  function takeQuery() {
    var url = new URL(location.href);
    var query = url.searchParams.get("q");
    if (query === null || !window.history || !history.replaceState) return query;
    url.searchParams.delete("q");
    history.replaceState(history.state, "", url.toString());
    window.addEventListener("load", function () {
      setTimeout(function () {
        var now = new URL(location.href);
        if (now.searchParams.has("q")) return;
        now.searchParams.set("q", query);
        history.replaceState(history.state, "", now.toString());
      }, 0);
    });
    return query;
  }

  // An NDR pasted into the home page's box (home-lookup.js), too long for ?q=.
  function pastedOnHome() {
    try {
      var text = sessionStorage.getItem("mfkb-lookup-q");
      sessionStorage.removeItem("mfkb-lookup-q");
      return text;
    } catch (e) { return null; }
  }

  var initialQuery = takeQuery();

  function start() {
    var form = document.getElementById("mfkb-lookup");
    var data = document.getElementById("mfkb-lookup-data");
    if (!form || !data) return;
    var page = JSON.parse(data.textContent);
    var input = document.getElementById("mfkb-lookup-q");
    var results = document.getElementById("mfkb-lookup-results");
    var status = document.getElementById("mfkb-lookup-status");
    var query = initialQuery;
    if (query === null) query = pastedOnHome();
    if (query !== null) input.value = query;
    var ready = fetch(page.index, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (document) {
        var entries = document.result.entries;
        var byCode = {};
        entries.forEach(function (entry) { byCode[entry.code] = entry; });
        var rules = page.rules && window.MfkbReasons ? new window.MfkbReasons.Rules(page.rules) : null;
        return { known: new KnownCodes(entries), byCode: byCode, rules: rules, meanings: new Meanings(entries) };
      });
    function run() {
      if (new Blob([input.value]).size > page.max_bytes) {  // the command line's cap too
        results.replaceChildren(element("p", "mfkb-lookup-error", page.text.too_long));
        return Promise.resolve();
      }
      return ready.then(function (index) { show(results, input.value, page, index); })
        .catch(function () {
          results.replaceChildren(element("p", "mfkb-lookup-error", page.text.load_failed));
        });
    }
    var pasted = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      keepInAddress(input.value);
      var moveFocus = !pasted;
      pasted = false;
      run().then(function () { announce(results, status, moveFocus); });
    });
    // A paste runs the lookup at once; Ctrl+Enter (Cmd+Enter) submits, Enter starts a line.
    input.addEventListener("paste", function () { setTimeout(function () { pasted = true; form.requestSubmit(); }, 0); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
    });
    window.mfkbLookupDone = query ? run().then(function () { announce(results, status, false); }) : ready;
  }

  window.MfkbLookup = {
    parseQuery: parseQuery, extractCodes: extractCodes, KnownCodes: KnownCodes, lookup: lookup,
    prepareBounce: prepareBounce,
    TextEvidence: TextEvidence, Meanings: Meanings,
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
