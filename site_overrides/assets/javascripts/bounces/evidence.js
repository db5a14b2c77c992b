// generator/bounces/evidence.py: each recipient's evidence (status, reply, command, prose).
(function (MFKB) {
  "use strict";
  var ADDRESS_SEARCH = MFKB.bounces.address.ADDRESS_SEARCH;
  var proseRecipients = MFKB.bounces.recipients.proseRecipients;
  var REPLY_RE = MFKB.bounces.reply.REPLY_RE;
  var wholeReply = MFKB.bounces.reply.wholeReply;
  var replyIn = MFKB.bounces.reply.replyIn;
  var unfold = MFKB.bounces.report.unfold;
  var dsnGroups = MFKB.bounces.dsn_groups.dsnGroups;
  var javaMailEntries = MFKB.bounces.java_mail.javaMailEntries;
  var queueEntries = MFKB.bounces.queue_listing.queueEntries;
  var tableEntries = MFKB.bounces.table_rows.tableEntries;
  var eventEntries = MFKB.bounces.json_events.eventEntries;
  var withoutQueueLines = MFKB.bounces.queue_listing.withoutQueueLines;
  var bounceLogEntries = MFKB.bounces.bounce_log.bounceLogEntries;
  var newOnce = MFKB.bounces.once.newOnce;

  // What separates the addresses of one list (evidence.py LIST_SEPARATOR_RE).
  var LIST_SEPARATOR_RE = /^[>\s,;]*<?$/;
  var UNDEFINED_STATUS_RE = /^[245]\.0\.0$/;
  // Not a version in a file path ("python2.7.3", "ruby/2.3.0/") (evidence.py STATUS_RE).
  var STATUS_RE = /(?<![0-9.A-Za-z\/])([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])/;
  // In prose only a failure's status is the recipient's (evidence.py FAILURE_STATUS_RE).
  var FAILURE_STATUS_RE = /(?<![0-9.A-Za-z\/])([45]\.[0-9]{1,3}\.[0-9]{1,3})(?![0-9]|\.[0-9])/;
  // A log's line for a recipient it delivered to (evidence.py DELIVERED_RE).
  // So does an ESP's event of a type that tells of no failure (json_events.py DELIVERED_EVENT), and Exchange
  // Online's "<address>##Receive, Deliver" (table_rows.py DELIVERED_STATUS).
  var DELIVERED_RE = new RegExp(/\bstatus=sent\b|\bstat=(?:Sent|Delivered)\b|\bC="250[ -]|/.source + MFKB.bounces.json_events.DELIVERED_EVENT +
    "|" + MFKB.bounces.table_rows.DELIVERED_STATUS, "g");
  // A log's line for a recipient it did not deliver to: the last logged outcome counts (evidence.py NOT_DELIVERED_RE).
  var NOT_DELIVERED_RE = new RegExp(/\bstatus=(?:deferred|bounced|expired)\b|\bstat=(?!(?:Sent|Delivered)\b)[A-Za-z]|\bdefer \(-?[0-9]+\)| \*\* [^ \n]+@|/.source +
    MFKB.bounces.json_events.NOT_DELIVERED_EVENT + "|" + MFKB.bounces.table_rows.NOT_DELIVERED_STATUS, "g");
  // The returned message's subject quoted by the report (evidence.py RETURNED_SUBJECT_RE).
  var RETURNED_SUBJECT_RE = /^[ \t]*(?:Subject|The subject of the message is):[^\n]*/gm;
  var FAILED_ACTIONS = ["failed", ""];

  // The DSN's Status, unless it is only X.0.0 and the reply carries a code of the same
  // class (evidence.py _specific_status).
  function specificStatus(given, said) {
    if (given && said && UNDEFINED_STATUS_RE.test(given) && said[0] === given[0]) return said;
    return given || said;
  }

  function firstStatus(text) {
    var found = STATUS_RE.exec(text || "");
    return found ? found[1] : null;
  }

  function firstFailureStatus(text) {
    var found = FAILURE_STATUS_RE.exec(text || "");
    return found ? found[1] : null;
  }
  function withoutReturnedSubjects(prose) { return prose.replace(RETURNED_SUBJECT_RE, ""); }

  function proseByRecipient(body, recipients) {
    var wanted = {};
    recipients.forEach(function (recipient) { if (recipient) wanted[recipient] = true; });
    if (Object.keys(wanted).length < 2) return {};
    var mentions = [];
    var re = new RegExp(ADDRESS_SEARCH, "g");
    var match;
    while ((match = re.exec(body))) {
      var address = match[0].toLowerCase();
      if (wanted[address]) mentions.push([match.index, address, match.index + match[0].length]);
    }
    var named = {};
    mentions.forEach(function (mention) { named[mention[1]] = true; });
    var together = Object.keys(named).length > 1 && mentions.every(function (mention, index) {
      return !index || LIST_SEPARATOR_RE.test(body.slice(mentions[index - 1][2], mention[0]));
    });
    if (together) return {};  // named only together, in one list: the whole report is about each of them
    mentions = outsideReplies(body, mentions);
    var stretches = {};
    mentions.forEach(function (mention, index) {
      if (index && mentions[index - 1][1] === mention[1]) return;
      var end = body.length;
      for (var later = index + 1; later < mentions.length; later++) {
        if (mentions[later][1] !== mention[1]) { end = stretchStart(body, mentions[later][0]); break; }
      }
      (stretches[mention[1]] = stretches[mention[1]] || []).push(body.slice(stretchStart(body, mention[0]), end));
    });
    var out = {};
    Object.keys(stretches).forEach(function (recipient) { out[recipient] = stretches[recipient].join("\n"); });
    return out;
  }

  // Where a mentioned recipient's stretch begins: at the web mail error naming it, if any (evidence.py _stretch_start).
  var WEBMAIL_ERROR_BEFORE_RE = new RegExp(MFKB.bounces.reply.WEBMAIL_SMTP_ERROR_HEAD + "$"), WEBMAIL_ERROR_REACH = 120;
  function stretchStart(body, start) {
    var from = Math.max(0, start - WEBMAIL_ERROR_REACH), found = WEBMAIL_ERROR_BEFORE_RE.exec(body.slice(from, start));
    return found ? from + found.index : start;
  }

  // The mentions not inside a reply running on the line of an earlier mention (evidence.py
  // _outside_replies); all of them if that would leave a recipient unmentioned.
  var REPLY_REACH = 16, REPLY_CONTEXT = 8;
  var REPLY_ALL_RE = new RegExp(REPLY_RE.source, "g");

  // Whether a reply starts in text at skip or later (the characters before skip only for lookbehinds).
  function replyFrom(text, skip) {
    REPLY_ALL_RE.lastIndex = 0;
    var found;
    while ((found = REPLY_ALL_RE.exec(text)) && found.index < skip) REPLY_ALL_RE.lastIndex = found.index + 1;
    return found !== null;
  }

  function outsideReplies(body, mentions) {
    var kept = [], previous = -1, firstEnd = 0, searched = 0, replied = false, named = {}, all = {};
    mentions.forEach(function (mention) {
      all[mention[1]] = true;
      if (previous < 0 || body.slice(previous, mention[0]).indexOf("\n") >= 0) {
        firstEnd = searched = mention[2];
        replied = false;
      } else if (!replied) {
        // Read on from where the last search stopped (evidence.py REPLY_REACH, REPLY_CONTEXT).
        var from = Math.max(firstEnd, searched - REPLY_REACH);
        var context = Math.max(firstEnd, from - REPLY_CONTEXT);
        replied = replyFrom(body.slice(context, mention[0]), from - context);
        searched = mention[0];
      }
      previous = mention[0];
      if (replied) return;
      named[mention[1]] = true;
      kept.push(mention);
    });
    return Object.keys(named).length === Object.keys(all).length ? kept : mentions;
  }

  // The SMTP command a text names first (evidence.py _first_command).
  function commandIn(commands, text) {
    text = unfold(text);
    var first = null;
    commands.forEach(function (command) {
      var match = command.pattern.exec(text);
      if (match && (first === null || match.index < first[0])) first = [match.index, command.command];
    });
    return first ? first[1] : null;
  }

  function gather(report, commands, family) {
    var groups = dsnGroups(report.body);
    var failed = groups.filter(function (g) { return FAILED_ACTIONS.indexOf(g.action) >= 0; });
    var delayed = groups.filter(function (g) { return g.action === "delayed"; });
    var chosen = failed.length ? failed : delayed.length ? delayed : groups;
    if (!chosen.length) {
      // Java Mail's refusals pasted together: each its own failure, with its own text (java_mail.py).
      chosen = javaMailEntries(report.body).map(function (entry) {
        return { recipient: entry[0], action: "", status: "", diagnosis: "", prose: entry[1] };
      });
      if (!chosen.length) chosen = proseRecipients(report).map(function (address) {
        return { recipient: address, action: "", status: "", diagnosis: "" };
      });
      if (!chosen.length) chosen = [{ recipient: null, action: "", status: "", diagnosis: "" }];
    }
    var recipients = (groups.length ? groups : chosen).map(function (g) { return g.recipient; });
    var mentions = queueEntries(report.body, recipients);
    if (!Object.keys(mentions).length) mentions = tableEntries(report.body, recipients);
    if (!Object.keys(mentions).length) mentions = eventEntries(report.body, recipients);
    // A queue listing's entries and a table's rows are other messages: the SMTP command one names is not
    // another's (evidence.py).
    var own = Object.keys(mentions).length > 0;
    if (!own) mentions = bounceLogEntries(report.body, recipients);
    if (!Object.keys(mentions).length) mentions = proseByRecipient(report.body, recipients);
    var once = newOnce();
    var records = chosen.map(function (group) {
      var prose = "prose" in group ? group.prose :
        Object.prototype.hasOwnProperty.call(mentions, group.recipient) ? mentions[group.recipient] : once(withoutQueueLines, report.body);
      prose = once(withoutReturnedSubjects, prose);
      var reply = wholeReply(replyIn(group.diagnosis), once(replyIn, prose));
      return {
        recipient: group.recipient,
        action: group.action,
        status: specificStatus(firstStatus(group.status), firstStatus(group.diagnosis) || once(firstFailureStatus, prose)),
        reply: reply ? unfold(reply) : null,
        diagnosis: group.diagnosis || prose,
        prose: prose,
        command: (own ? [group.diagnosis, prose] : [group.diagnosis, prose, report.body]).reduce(function (found, text) {
          return found || once(commandIn, commands, text || "");
        }, null),
        family: family,
        text: report.body,
        headers: report.headers,
        retry: group.retry || "",
      };
    });
    var undelivered = records.filter(function (record) { return !delivered(record); });
    if (undelivered.length) return undelivered;
    // A log that delivered every recipient it names, in the end, reports deliveries.
    records.forEach(function (record) { record.action = "delivered"; });
    return records;
  }

  // A recipient without a delivery-status group whose own log lines say, last, that it was delivered
  // (evidence.py _delivered).
  function delivered(record) {
    if (record.action || record.recipient === null) return false;
    return lastEnd(DELIVERED_RE, record.prose) > lastEnd(NOT_DELIVERED_RE, record.prose);
  }

  // Where the last match of a global pattern in text ends, or -1 (evidence.py _last_end).
  function lastEnd(pattern, text) {
    var end = -1, found;
    pattern.lastIndex = 0;
    while ((found = pattern.exec(text))) end = pattern.lastIndex;
    return end;
  }

  MFKB.bounces.evidence = { gather: gather };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
