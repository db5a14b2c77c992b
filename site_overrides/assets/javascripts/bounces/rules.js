// generator/bounces/rules.py: the reason rules (generator/data/reasons/rules.json, handed to the
// page in its lookup data), compiled and decided.
(function (MFKB) {
  "use strict";
  var newOnce = MFKB.bounces.once.newOnce;
  var uniqueList = MFKB.bounces.address.uniqueList;

  var SPACES_RE = /[ \t\n\r\f\v\u00a0\u3000]+/g;
  var CONTINUATION_RE = /(?<=[^ ]) [245][0-9][0-9][ -][245]\.[0-9]{1,3}\.[0-9]{1,3}(?= )/g;
  var QUOTE_CHARS = 80;
  var MATCHED_CHARS = 20000;
  var CODES_GROUP = "codes";

  function compile(pattern) { return new RegExp(pattern, "i"); }

  // A rule's "when" or "unless" object, {field: pattern}, as conditions (rules.py _when).
  function conditions(object) {
    return Object.keys(object || {}).map(function (field) { return fieldCondition({ field: field, pattern: object[field] }); });
  }

  // {"field", "pattern", "when"} of rules.json, compiled (rules.py _condition).
  function fieldCondition(item) {
    var pattern = compile(item.pattern);
    return { field: item.field, pattern: pattern, search: pattern.exec.bind(pattern), when: conditions(item.when) };
  }

  // Through once, a text every recipient of a bounce shares is searched once (rules.py Condition.search).
  function holds(condition, fields, once) {
    var value = fields[condition.field];
    if (!value) return false;
    var found = once ? once.search(condition.search, value) !== null : condition.pattern.test(value);
    return found && (condition.when || []).every(function (extra) { return holds(extra, fields, once); });
  }

  // String fields with white space runs made one space (headers keep their lines)
  // (rules.py matchable and _spaced).
  function matchable(evidence, once) {
    var fields = {};
    once = once || newOnce();
    Object.keys(evidence).forEach(function (name) {
      var value = evidence[name];
      if (typeof value !== "string") return;
      fields[name] = once.readBy(name === "headers" ? value.slice(0, MATCHED_CHARS) : once(spaced, value), evidence);
    });
    return fields;
  }

  function spaced(value) {
    return value.replace(SPACES_RE, " ").trim().replace(CONTINUATION_RE, "").slice(0, MATCHED_CHARS);
  }

  function quote(field, text) {
    if (text.length > QUOTE_CHARS) text = text.slice(0, QUOTE_CHARS) + "\u2026";
    return field + " \"" + text + "\"";
  }

  function Rules(data) {
    this.stages = data.stages;
    this.rules = data.rules.map(function (rule) {
      var pattern = compile(rule.pattern);
      return { group: rule.group, reason: rule.reason, pattern: pattern, search: pattern.exec.bind(pattern),
               when: conditions(rule.when) };
    });
    this.refinements = data.refine.map(function (item) {
      return { reason: item.reason, to: item.to, when: conditions(item.when), unless: conditions(item.unless), why: item.why || "" };
    });
    this.families = data.families.map(function (item) { return { family: item.family, condition: fieldCondition(item) }; });
    this.commands = data.commands.map(function (item) { return { command: item.command, pattern: compile(item.pattern) }; });
    this.delay = {
      notice: data.delay.notice.map(fieldCondition), unless: data.delay.unless.map(fieldCondition),
      retry: compile(data.delay.retry),
    };
    this.defaultReason = data["default"];
    var reasoned = function (item) { return { reason: item.reason, condition: fieldCondition(item) }; };
    this.notBounce = {
      structure: data.not_bounce.structure.map(reasoned), words: data.not_bounce.words.map(reasoned),
      unless: data.not_bounce.unless.map(fieldCondition),
    };
    this.notBounceReasons = uniqueList(this.notBounce.structure.concat(this.notBounce.words).map(function (item) {
      return item.reason;
    }));
  }

  Rules.prototype.family = function (evidence) {
    var fields = matchable(evidence);
    for (var i = 0; i < this.families.length; i++) {
      if (holds(this.families[i].condition, fields)) return this.families[i].family;
    }
    return null;
  };

  Rules.prototype.firstMatch = function (fields, once) {
    for (var s = 0; s < this.stages.length; s++) {
      var stage = this.stages[s];
      var value = fields[stage.field];
      if (!value) continue;
      for (var r = 0; r < this.rules.length; r++) {
        var rule = this.rules[r];
        if (rule.group !== stage.group) continue;
        var found = once.search(rule.search, value);
        if (found && rule.when.every(function (c) { return holds(c, fields, once); })) {
          return { reason: rule.reason, evidence: quote(stage.field, found[0]) };
        }
      }
    }
    return { reason: this.defaultReason, evidence: "no rule matched" };
  };

  // The records of one bounce share once (rules.py decide): a text many of them
  // share is made matchable and searched by each rule once, not once per recipient.
  Rules.prototype.decide = function (evidence, once) {
    once = once || newOnce();
    var fields = matchable(evidence, once);
    var decision = this.firstMatch(fields, once);
    for (var i = 0; i < this.refinements.length; i++) {
      var refinement = this.refinements[i];
      var applies = refinement.reason === decision.reason &&
        refinement.when.every(function (c) { return holds(c, fields, once); }) &&
        !refinement.unless.some(function (c) { return holds(c, fields, once); });
      if (applies) {
        var named = refinement.when.map(function (c) { return c.field + " " + fields[c.field]; }).join(", ");
        return { reason: refinement.to, evidence: decision.evidence + "; " + (refinement.why || named) };
      }
    }
    return decision;
  };

  MFKB.bounces.rules = { Rules: Rules, matchable: matchable, quote: quote, holds: holds,
    CODES_GROUP: CODES_GROUP };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
