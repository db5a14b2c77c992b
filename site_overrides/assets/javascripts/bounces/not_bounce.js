// generator/bounces/not_bounce.py: what a message that is no bounce is.
(function (MFKB) {
  "use strict";
  var Rules = MFKB.bounces.rules.Rules;
  var matchable = MFKB.bounces.rules.matchable;
  var quote = MFKB.bounces.rules.quote;
  var holds = MFKB.bounces.rules.holds;
  var newOnce = MFKB.bounces.once.newOnce;

  // What a text that is no bounce is (an automatic reply, a complaint...), or null (not_bounce.py kind_of).
  Rules.prototype.kindOf = function (headers, text, once) {
    once = once || newOnce();
    var fields = matchable({ headers: headers, text: text }, once);
    function first(items) {
      for (var i = 0; i < items.length; i++) {
        var condition = items[i].condition, value = fields[condition.field];
        var found = value ? once.search(condition.search, value) : null;
        // its "when" must hold too, as rules.py Condition.search has it
        if (!found || !condition.when.every(function (extra) { return holds(extra, fields, once); })) continue;
        return { reason: items[i].reason, evidence: quote(condition.field, found[0].trim()) };
      }
      return null;
    }
    var found = first(this.notBounce.structure);
    if (found || this.notBounce.unless.some(function (c) { return holds(c, fields, once); })) return found;
    return first(this.notBounce.words);
  };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
