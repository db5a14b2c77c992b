// generator/bounces/transcript.py: an SMTP session's transcript as a client's protocol log writes it,
// which reply answered which command (a pipelining client reads its replies after all its commands).
(function (MFKB) {
  "use strict";
  var ADDRESS_SEARCH = MFKB.bounces.address.ADDRESS_SEARCH;

  // A line the client sent (">>>", "->", "C:") or one it read ("<<<", "<-", "S:") (transcript.py LINE_RE).
  var LINE_RE = /^[^\n]*?(?:(>>>|->|\bC:)|(<<<|<-|\bS:))[ \t]*([^\n]*)/gm;
  // A reply's line: its code, and "-" when more lines follow (transcript.py REPLY_LINE_RE).
  var REPLY_LINE_RE = /^([2-5][0-9][0-9])(-?)(?![0-9])/;
  var RECIPIENT_COMMAND_RE = /^RCPT TO:/i;
  var DATA_COMMAND_RE = /^(?:DATA\b|BDAT\b)/i;
  var DATA_END_RE = /^\.[ \t]*$/;

  // The recipients whose RCPT TO the server accepted, where it refused another's and nothing after the
  // recipients failed; none otherwise (transcript.py accepted_recipients).
  function acceptedRecipients(text) {
    if (!/RCPT TO:/i.test(text)) return [];  // no RCPT TO: no line need be read
    var pending = [], answered = 0, accepted = {}, refused = {}, failedAfter = false, inData = false, recipientsSent = false, found;
    LINE_RE.lastIndex = 0;
    while ((found = LINE_RE.exec(text))) {
      var rest = found[3];
      if (found[1]) {
        if (inData) {  // the message's lines, up to its "."
          if (DATA_END_RE.test(rest)) { pending.push("."); inData = false; }
          continue;
        }
        pending.push(rest);
        recipientsSent = recipientsSent || RECIPIENT_COMMAND_RE.test(rest);
        continue;
      }
      var reply = REPLY_LINE_RE.exec(rest);
      if (!reply || reply[2]) continue;  // no reply, or a line of one that goes on
      var command = answered < pending.length ? pending[answered++] : null, code = reply[1];  // the oldest unanswered
      if (command !== null && RECIPIENT_COMMAND_RE.test(command)) {
        var address = new RegExp(ADDRESS_SEARCH).exec(command);
        if (address && code[0] === "2") accepted[address[0].toLowerCase()] = true;
        else if (address && "45".indexOf(code[0]) >= 0) refused[address[0].toLowerCase()] = true;
      } else if ("45".indexOf(code[0]) >= 0 && recipientsSent) {
        failedAfter = true;
      } else if (code[0] === "3" && command !== null && DATA_COMMAND_RE.test(command)) {
        inData = true;
      }
    }
    if (!Object.keys(refused).length || failedAfter) return [];
    return Object.keys(accepted).filter(function (address) { return !refused[address]; });
  }

  MFKB.bounces.transcript = { acceptedRecipients: acceptedRecipients };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
