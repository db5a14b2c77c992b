// generator/codes/syntax.py: what a status code looks like, and the reply code or version before it.
(function (MFKB) {
  "use strict";

  var GLUED_BEFORE = "(?<![A-Za-z0-9_.])";
  var GLUED_AFTER = "(?![A-Za-z0-9_]|\\.[0-9])";
  // Python's "$" also matches before a final newline.
  var END = "(?=\\n?$)";
  // Python's smtplib keeps the two codes apart in a tuple: "(553, b'5.1.3 ...')".
  var REPLY_BEFORE_RE = new RegExp(
    "(<<<[ \\t]*)?(?<![A-Za-z0-9_.])([245][0-9][0-9])(?:[ \\t\\u00a0-]+#?|-[ \\t]*\\n[> \\t]*|(?<=\\([245][0-9][0-9]), [bu]?['\"])" + END);
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
    var beforeGap = beforeHash.replace(/[ \t\u00a0\->\n]+$/, "");
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

  MFKB.codes.syntax = { GLUED_BEFORE: GLUED_BEFORE, GLUED_AFTER: GLUED_AFTER, normalize: normalize,
    versionBefore: versionBefore, replyBefore: replyBefore, LOOKBEHIND_CHARS: LOOKBEHIND_CHARS,
    CLASSES: CLASSES, CODE_RE: CODE_RE };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
