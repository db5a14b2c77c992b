// generator/bounces/list_notice.py: a mailing-list manager's notice that mail to a member's address has been bouncing.
(function (MFKB) {
  "use strict";
  var ADDRESS = MFKB.bounces.address.ADDRESS;
  var ADDRESS_SEARCH = MFKB.bounces.address.ADDRESS_SEARCH;
  var allAddresses = MFKB.bounces.address.allAddresses;
  var uniqueList = MFKB.bounces.address.uniqueList;

  // The notices' own sentences: Mailman 2 and 3, Sympa, ezmlm (list_notice.py NOTICE_RE).
  var NOTICE_RE = new RegExp(
    "\\bhas\\s+been\\s+(?:disabled|(?:unsubscribed|removed)\\s+from\\s+\\S+)\\s+due\\s+to\\s+excessive\\s+bounces\\b|\\bbounce_score_threshold\\b|\\bmailing\\s+list\\s+bounce\\s+action\\s+notice\\b" +
    "|\\bhas\\s+received\\s+a\\s+number\\s+of\\s+bounces\\s+from\\s+you\\b|\\bbecause\\s+we\\s+received\\s+(?:many\\s+)?non-delivery\\s+reports\\b" +
    "|\\bmessages\\s+to\\s+you\\b[^.]{0,80}?\\bseem\\s+to\\s+have\\s+been\\s+bouncing\\b", "i");
  // Where a notice names the member (list_notice.py MEMBER_RE).
  var MEMBER_RE = new RegExp(
    "\\bMember:[ \\t]*<?(" + ADDRESS + ")" +
    "|<?(" + ADDRESS_SEARCH + ")>?(?:'s\\s+subscription\\s+has\\s+been\\s+disabled|\\s+has\\s+been\\s+(?:unsubscribed|removed)\\s+from\\b)" +
    "|\\bproblem\\s+delivering\\s+messages\\s+to\\s+<?(" + ADDRESS + ")" +
    "|\\byour\\s+address\\s+\\(<?(" + ADDRESS + ")>?\\)", "gi");
  // Sympa's notice to the owners lists the members below this (list_notice.py LISTED_BELOW_RE).
  var LISTED_BELOW_RE = /\blisted\s+bel+ow\s+have\s+been\b[^:]{0,120}:/i;

  // The members whose address has been bouncing, when the text is a list manager's notice of it; else null
  // (list_notice.py list_notice_members).
  function listNoticeMembers(headers, body) {
    if (!NOTICE_RE.test(body)) return null;
    var named = Array.from(body.matchAll(MEMBER_RE), function (found) {
      return found.slice(1).filter(Boolean)[0].toLowerCase();
    });
    var listed = LISTED_BELOW_RE.exec(body);
    if (listed) {
      var rest = body.slice(listed.index + listed[0].length);
      named = named.concat((rest.match(new RegExp(ADDRESS_SEARCH, "g")) || []).map(function (a) { return a.toLowerCase(); }));
    }
    if (named.length) return uniqueList(named);
    var sentTo = headers.split("\n").filter(function (line) { return /^to:/i.test(line); });
    return uniqueList([].concat.apply([], sentTo.map(function (line) {
      return allAddresses(line.slice(line.indexOf(":") + 1));
    })).map(function (address) { return address.toLowerCase(); }));
  }

  MFKB.bounces.list_notice = { listNoticeMembers: listNoticeMembers };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
