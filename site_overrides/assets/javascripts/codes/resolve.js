// generator/codes/resolve.py: the entry that explains a code (generator/data/resolution_vectors.json).
(function (MFKB) {
  "use strict";

  function covers(entry, code) {
    if (!entry.range_end) return false;
    var first = entry.code.split("."), last = entry.range_end.split("."), wanted = code.split(".");
    var detail = parseInt(wanted[2], 10);
    return wanted[0] === first[0] && wanted[1] === first[1] &&
      parseInt(first[2], 10) <= detail && detail <= parseInt(last[2], 10);
  }

  function KnownCodes(entries) {
    this.entries = {};
    this.aliasOwner = {};
    this.ranges = [];
    for (var i = 0; i < entries.length; i++) {
      var entry = entries[i];
      this.entries[entry.code] = entry;
      (entry.aliases || []).forEach(function (alias) { this.aliasOwner[alias] = entry.code; }, this);
      if (entry.range_end) this.ranges.push(entry);
    }
  }

  KnownCodes.prototype.rangeFor = function (code) {
    for (var i = 0; i < this.ranges.length; i++) if (covers(this.ranges[i], code)) return this.ranges[i].code;
    return null;
  };

  KnownCodes.prototype.resolve = function (code) {
    var has = Object.prototype.hasOwnProperty;
    if (has.call(this.entries, code)) return { entry: code, via: "exact" };
    if (has.call(this.aliasOwner, code)) return { entry: this.aliasOwner[code], via: "alias" };
    var inRange = this.rangeFor(code);
    if (inRange) return { entry: inRange, via: "range" };
    if (code.charAt(0) !== "X") {
      var general = "X" + code.slice(1);
      var match = has.call(this.entries, general) ? general : this.rangeFor(general);
      if (match) return { entry: match, via: "class-agnostic" };
    }
    return { entry: null, via: "none" };
  };

  function explains(code, resolution) {
    if (resolution.via === "alias") {
      if (code.charAt(0) === "5" && resolution.entry.charAt(0) === "4") return "expired";
      if (code.charAt(0) === "4" && resolution.entry.charAt(0) === "5") return "deferred";
      return null;
    }
    return resolution.via === "exact" ? null : resolution.via;
  }

  MFKB.codes.resolve = { explains: explains, KnownCodes: KnownCodes };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
