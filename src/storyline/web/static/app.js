// storyline pages: statement cards on the article page, drag-to-zoom on the timeline. No dependencies.
// Only toggles elements the server rendered (already escaped); never builds HTML from strings.
(function () {
  "use strict";

  function statementCards() {
    var text = document.getElementById("article-text");
    if (!text) return;
    var hint = document.getElementById("card-hint");
    var current = null;

    function show(id, scroll) {
      var card = document.getElementById("card-" + id);
      if (!card) return;
      if (current) current.hidden = true;
      document.querySelectorAll("mark.st.active").forEach(function (m) { m.classList.remove("active"); });
      document.querySelectorAll('mark.st[data-st="' + CSS.escape(id) + '"]').forEach(function (m) { m.classList.add("active"); });
      card.hidden = false;
      current = card;
      if (hint) hint.hidden = true;
      // On a phone the card is a sheet over the lower half: keep the statement above it.
      var narrow = window.matchMedia("(max-width: 760px)").matches;
      if (scroll || narrow) {
        var first = document.getElementById("st-" + id);
        if (first) first.scrollIntoView({ block: narrow ? "start" : "center" });
      }
    }

    function hide() {
      if (current) current.hidden = true;
      current = null;
      document.querySelectorAll("mark.st.active").forEach(function (m) { m.classList.remove("active"); });
      if (hint) hint.hidden = false;
    }

    text.addEventListener("click", function (event) {
      var mark = event.target.closest("mark.st, .source, .cue");
      if (!mark) return;
      show(mark.dataset.st || mark.dataset.source || mark.dataset.cue, false);
    });
    text.addEventListener("keydown", function (event) {
      var mark = event.target.closest && event.target.closest("mark.st");
      if (mark && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); show(mark.dataset.st, false); }
    });
    document.querySelectorAll(".card .close").forEach(function (b) { b.addEventListener("click", hide); });
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
    var hash = decodeURIComponent(location.hash || "");
    if (hash.indexOf("#st-") === 0) show(hash.slice(4), true);
  }

  function timelineZoom() {
    var svg = document.querySelector("svg.timeline-chart");
    var form = document.getElementById("timeline-filters");
    if (!svg || !form) return;
    var day0 = +svg.dataset.day0, day1 = +svg.dataset.day1, x0 = +svg.dataset.x0, x1 = +svg.dataset.x1;
    var brush = svg.querySelector(".brush");
    var start = null;

    function viewX(event) {
      var pt = svg.createSVGPoint();
      pt.x = event.clientX; pt.y = event.clientY;
      return pt.matrixTransform(svg.getScreenCTM().inverse()).x;
    }
    function dayAt(x) { return day0 + (Math.min(Math.max(x, x0), x1) - x0) / (x1 - x0) * (day1 - day0); }
    // Day numbers are proleptic Gregorian ordinals (Python's date.toordinal): day 1 is 0001-01-01.
    function iso(ordinal) {
      var ms = (Math.round(ordinal) - 719163) * 86400000; // 719163 = date(1970, 1, 1).toordinal()
      return new Date(ms).toISOString().slice(0, 10);
    }
    function go(since, until) {
      form.elements.since.value = iso(since);
      form.elements.until.value = iso(until);
      form.submit();
    }

    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest("a") || event.button !== 0) return;
      start = viewX(event);
      brush.setAttribute("x", start); brush.setAttribute("width", 0); brush.setAttribute("visibility", "visible");
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (start === null) return;
      var x = viewX(event);
      brush.setAttribute("x", Math.min(start, x)); brush.setAttribute("width", Math.abs(x - start));
    });
    svg.addEventListener("pointerup", function (event) {
      if (start === null) return;
      var end = viewX(event), a = Math.min(start, end), b = Math.max(start, end);
      start = null;
      brush.setAttribute("visibility", "hidden");
      if (b - a < 6) return; // a click, not a drag
      go(Math.floor(dayAt(a)), Math.ceil(dayAt(b)));
    });
    var out = document.getElementById("zoom-out");
    if (out) out.addEventListener("click", function () {
      var half = Math.max(1, Math.round((day1 - day0) / 2));
      go(day0 - half, day1 + half);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { statementCards(); timelineZoom(); });
})();
