// generator/bounces/once.py: each field's text searched once per bounce, for every rule.
(function (MFKB) {
  "use strict";

  // once(reading, ...args) calls reading(...args) once for each distinct reading
  // and arguments (once.py Once): the recipients of one bounce share a text,
  // read once, not once per recipient.  Maps keyed by the reading, then by each
  // argument in turn (a reading is always given the same number of arguments,
  // four at most: called with them by name, not through apply, on the hot path).
  function newOnce() {
    var done = new Map();
    var firstReader = new Map(), shared = new Set();
    var once = function (reading, first, second, third, fourth) {
      var node = done, key = reading;
      for (var i = 1; i < arguments.length; i++) {
        var next = node.get(key);
        if (next === undefined) node.set(key, next = new Map());
        node = next;
        key = arguments[i];
      }
      var value = node.get(key);
      if (value === undefined && !node.has(key)) {
        node.set(key, value = reading(first, second, third, fourth));
      }
      return value;
    };
    // Notes that record's fields hold text; returns text (once.py Once.read_by).
    once.readBy = function (text, record) {
      var first = firstReader.get(text);
      if (first === undefined) firstReader.set(text, record);
      else if (first !== record) shared.add(text);
      return text;
    };
    // search(text), kept only for a text that several records share (once.py Once.search).
    once.search = function (search, text) { return shared.has(text) ? once(search, text) : search(text); };
    return once;
  }

  MFKB.bounces.once = { newOnce: newOnce };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
