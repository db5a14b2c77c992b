// generator/bounces/classify.py: a paste's verdicts, one per recipient.
(function (MFKB) {
  "use strict";
  var Rules = MFKB.bounces.rules.Rules;
  var readReport = MFKB.bounces.report.readReport;
  var identity = MFKB.bounces.report.identity;
  var gather = MFKB.bounces.evidence.gather;
  var newOnce = MFKB.bounces.once.newOnce;

  var FAMILY_TEXT_CHARS = 4000;

  Rules.prototype.evidenceRecords = function (text, prepare) {
    return this.recordsOf(readReport(text, prepare || identity));
  };

  Rules.prototype.recordsOf = function (report) {
    var family = this.family({ headers: report.headers, text: report.body.slice(0, FAMILY_TEXT_CHARS) });
    return gather(report, this.commands, family);
  };

  // For a text that is no bounce, one verdict without a recipient that says what it is (classify.py).
  Rules.prototype.classify = function (text, prepare) {
    var once = newOnce();
    var report = readReport(text, prepare || identity);
    var kind = this.kindOf(report.headers, report.body, once);
    if (kind) {
      return [{ recipient: null, status: null, reply: null, reason: kind.reason, family: null, evidence: kind.evidence,
                delayed: false, retry: null }];
    }
    return this.recordsOf(report).map(function (record) {
      var decision = this.decide(record, once);
      var delay = this.delayOf(record, once);
      return {
        recipient: record.recipient, status: record.status, reply: record.reply,
        reason: decision.reason, family: record.family, evidence: decision.evidence,
        delayed: delay !== null, retry: delay ? delay.retry : null,
      };
    }, this);
  };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
