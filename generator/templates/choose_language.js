// A choice made on the site wins over the browser's languages; English if neither.
function mfkbChooseLanguage(available, fallback) {
  try {
    var saved = localStorage.getItem("mfkb-lang");
    if (saved && available.indexOf(saved) >= 0) return saved;
  } catch (e) {}
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var base = String(wanted[i]).toLowerCase().split("-")[0];
    if (available.indexOf(base) >= 0) return base;
  }
  return fallback;
}
