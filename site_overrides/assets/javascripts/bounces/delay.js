// generator/bounces/delay.py: a delay warning, still being retried, not a bounce.
(function (MFKB) {
  "use strict";
  var Rules = MFKB.bounces.rules.Rules;
  var matchable = MFKB.bounces.rules.matchable;
  var holds = MFKB.bounces.rules.holds;
  var CODES_GROUP = MFKB.bounces.rules.CODES_GROUP;
  var newOnce = MFKB.bounces.once.newOnce;
  var unfold = MFKB.bounces.report.unfold;

  var UNDECIDED_ACTIONS = ["delayed", ""];

  // (delay.py DelayWords.of)
  Rules.prototype.delayOf = function (record, once) {
    once = once || newOnce();
    if (UNDECIDED_ACTIONS.indexOf(record.action) < 0) return null;
    var fields = matchable(record, once);
    if (record.action !== "delayed" &&
        !(conditionHolds(this.delay.notice, fields, once) && !conditionHolds(this.delay.unless, fields, once))) {
      return null;
    }
    if (record.retry) return { retry: "Will-Retry-Until: " + record.retry };
    return { retry: once(retryWords, this.delay, record.text) };
  };

  // One of the conditions holds, each searching its field's text once per bounce (delay.py _holds).
  function conditionHolds(conditions, fields, once) {
    return conditions.some(function (condition) { return holds(condition, fields, once); });
  }

  // (delay.py _retry_words)
  function retryWords(delay, text) {
    var found = delay.retry.exec(text);
    return found ? unfold(found[0].replace(/"/g, "")) : null;
  }

  // The reason a status code alone gives; a rule that also asks for another field says none (rules.py code_reason).
  Rules.prototype.codeReason = function (status) {
    for (var i = 0; i < this.rules.length; i++) {
      var rule = this.rules[i];
      if (rule.group === CODES_GROUP && !rule.when.length && rule.pattern.test(status)) return rule.reason;
    }
    return null;
  };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
