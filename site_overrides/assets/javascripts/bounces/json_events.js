// generator/bounces/json_events.py: an ESP's events pasted as JSON (a webhook's batch, an API's list),
// each recipient's read from its own event.
(function (MFKB) {
  "use strict";
  var JSON_RECIPIENT_RE = MFKB.bounces.recipients.JSON_RECIPIENT_RE;

  // A brace, or a quote opening a JSON string read to its close or its line's end, once (json_events.py
  // OBJECT_MARK_RE, STRING_REST_RE).
  var OBJECT_MARK_RE = /["{}]/g, STRING_REST_RE = /(?:[^"\\\n]|\\[^\n])*["\\]?/y;
  // An event's type, and the types that tell of no failure (json_events.py EVENT_TYPE, NO_FAILURE_TYPES).
  var EVENT_TYPE = '"(?:[Ee]vent|[Tt]ype|eventType|notificationType|RecordType)"\\s*:\\s*"';
  var NO_FAILURE_TYPES = "(?:email\\.)?(?:[Dd]eliver(?:ed|y)|[Pp]rocessed|[Ii]njection|[Aa]ccepted|[Ss]en[dt]|[Rr]equest" +
    "|(?:unique_)?[Oo]pen(?:ed)?|[Cc]lick(?:ed)?|(?:list_|link_)?[Uu]nsubscribed?|SubscriptionChange" +
    '|MessageSent|MessageLoaded|MessageLinkClicked)"';
  var DELIVERED_EVENT = EVENT_TYPE + NO_FAILURE_TYPES;
  var NOT_DELIVERED_EVENT = EVENT_TYPE + "(?!" + NO_FAILURE_TYPES + ")";
  // Objects looked at around a member, and stepped out of to find the one holding it (json_events.py).
  var EVENT_DEPTH = 6, ENCLOSING_STEPS = 64;

  // The first index of a sorted list whose item is above (after: at or above) value.
  function bisect(sorted, value, after) {
    var low = 0, high = sorted.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (after ? sorted[middle] <= value : sorted[middle] < value) low = middle + 1; else high = middle;
    }
    return low;
  }

  // Each JSON object's [start, end, parent's index or -1], in the order they open (json_events.py _objects).
  function objectsOf(body) {
    var objects = [], openOnes = [], found;
    OBJECT_MARK_RE.lastIndex = 0;
    while ((found = OBJECT_MARK_RE.exec(body))) {
      if (found[0] === '"') {
        STRING_REST_RE.lastIndex = OBJECT_MARK_RE.lastIndex;
        STRING_REST_RE.exec(body);
        OBJECT_MARK_RE.lastIndex = STRING_REST_RE.lastIndex;
      } else if (found[0] === "{") {
        objects.push([found.index, body.length, openOnes.length ? openOnes[openOnes.length - 1] : -1]);
        openOnes.push(objects.length - 1);
      } else if (found[0] === "}" && openOnes.length) {
        objects[openOnes.pop()][1] = found.index + 1;
      }
    }
    return objects;
  }

  // The widest object around the index-th member, at `at`, naming no other recipient (json_events.py _event).
  function eventOf(objects, starts, positions, runs, index, at) {
    var inner = bisect(starts, at, true) - 1, steps;
    for (steps = 0; steps < ENCLOSING_STEPS && inner >= 0 && objects[inner][1] <= at; steps++) inner = objects[inner][2];
    if (steps === ENCLOSING_STEPS) return null;
    var event = null;
    for (var depth = 0; depth < EVENT_DEPTH && inner >= 0; depth++) {
      var first = bisect(positions, objects[inner][0], false), last = bisect(positions, objects[inner][1], false) - 1;
      if (runs[first] !== runs[index] || runs[last] !== runs[index]) break;
      event = [objects[inner][0], objects[inner][1]];
      inner = objects[inner][2];
    }
    return event;
  }

  // Each recipient's events, their texts one after another, for a batch naming two recipients or more
  // (json_events.py event_entries).
  function eventEntries(body, recipients) {
    var wanted = {};
    recipients.forEach(function (recipient) { if (recipient) wanted[recipient] = true; });
    if (Object.keys(wanted).length < 2) return {};
    var members = Array.from(body.matchAll(JSON_RECIPIENT_RE), function (found) { return [found.index, found[1].toLowerCase()]; })
      .filter(function (member) { return wanted[member[1]]; });
    if (new Set(members.map(function (member) { return member[1]; })).size < 2) return {};
    var objects = objectsOf(body), starts = objects.map(function (object) { return object[0]; });
    var positions = members.map(function (member) { return member[0]; }), runs = [], spans = {}, out = {};
    members.forEach(function (member, index) { runs.push(index && member[1] !== members[index - 1][1] ? runs[index - 1] + 1 : index ? runs[index - 1] : 0); });
    members.forEach(function (member, index) {
      var event = eventOf(objects, starts, positions, runs, index, member[0]);
      if (!event) return;
      var own = spans[member[1]] = spans[member[1]] || [];
      if (!own.some(function (span) { return span[0] === event[0] && span[1] === event[1]; })) own.push(event);
    });
    Object.keys(spans).forEach(function (address) {
      out[address] = spans[address].map(function (span) { return body.slice(span[0], span[1]); }).join("\n");
    });
    return out;
  }

  MFKB.bounces.json_events = { eventEntries: eventEntries, DELIVERED_EVENT: DELIVERED_EVENT, NOT_DELIVERED_EVENT: NOT_DELIVERED_EVENT };
})(window.MFKB = window.MFKB || { codes: {}, bounces: {} });
