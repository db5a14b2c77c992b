// generator/bounces/meanings.py: a sender's own meaning of a code, chosen by the hosts that sent it.
(function (MFKB) {
  "use strict";

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

  // Every vendor meaning of the code, in the content's order: [{entry, meaning}].
  Meanings.prototype.rulesFor = function (code) { return this.has(code) ? this.byCode[code].slice() : []; };

  // The code's lines name no host and have no word: a code typed alone (meanings.py silent).
  var LETTER_RE = /\p{L}/u;
  function silent(evidence) { return !evidence.hosts.length && !LETTER_RE.test(evidence.lines); }

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

  MFKB.bounces.meanings = { Meanings: Meanings, silent: silent };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
