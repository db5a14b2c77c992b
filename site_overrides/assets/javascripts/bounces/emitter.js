// generator/bounces/emitter.py: the lines a code stands in, and the hosts that may have emitted it.
(function (MFKB) {
  "use strict";
  var GLUED_BEFORE = MFKB.codes.syntax.GLUED_BEFORE;
  var GLUED_AFTER = MFKB.codes.syntax.GLUED_AFTER;
  var normalize = MFKB.codes.syntax.normalize;
  var plainText = MFKB.bounces.message.plainText;

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

  MFKB.bounces.emitter = { TextEvidence: TextEvidence, holds: holds };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
