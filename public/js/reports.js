// The dashboard's improvements: the "?" buttons open their definition in a popover, and
// the charts are drawn from the data-chart of their canvas (the tables below them hold the
// same numbers and stay the page's content without JavaScript).
(function () {
  "use strict";
  // Okabe–Ito: told apart by colour-blind readers; the second series also differs by its dash, points or hatching
  var BLUE = "#0072B2", VERMILLION = "#D55E00";
  var SERIES = [
    { color: BLUE, point: "circle", dash: [] },
    { color: VERMILLION, point: "triangle", dash: [6, 4] },
  ];

  function hatch(color) {
    var c = document.createElement("canvas");
    c.width = c.height = 8;
    var g = c.getContext("2d");
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, 8, 8);
    g.strokeStyle = color;
    g.lineWidth = 2;
    g.beginPath();
    g.moveTo(0, 8); g.lineTo(8, 0); g.moveTo(-2, 2); g.lineTo(2, -2); g.moveTo(6, 10); g.lineTo(10, 6);
    g.stroke();
    return g.createPattern(c, "repeat");
  }

  function dataset(spec, s, i) {
    var look = SERIES[i % SERIES.length];
    if (spec.type === "line") {
      // a point a day: smaller as the days add up (a quarter's would merge into a bead), none past two months, still easy to hover
      var n = spec.labels.length;
      return {
        label: s.label, data: s.data, borderColor: look.color, backgroundColor: look.color, borderDash: look.dash,
        pointStyle: look.point, pointRadius: n > 62 ? 0 : n > 20 ? 2.5 : 4, pointHoverRadius: 6, pointHitRadius: 6,
        borderWidth: 2, tension: 0, spanGaps: true,
      };
    }
    return {
      label: s.label, data: s.data, borderColor: look.color, borderWidth: 2,
      backgroundColor: i === 0 ? look.color : hatch(look.color),
    };
  }

  function draw(canvas) {
    var spec;
    try { spec = JSON.parse(canvas.getAttribute("data-chart")); } catch { return; }
    var box = canvas.closest("[data-chart-box]");
    if (box) box.classList.remove("d-none");
    // French typography: a no-break space before % and :
    var fr = document.documentElement.lang === "fr";
    var suffix = spec.percent ? (fr ? "\u00a0%" : "%") : "";
    var colon = fr ? "\u00a0: " : ": ";
    new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: spec.series.map(function (s, i) { return dataset(spec, s, i); }) },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: {
          legend: { display: spec.series.length > 1, labels: { usePointStyle: spec.type === "line" } },
          tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + colon + (ctx.raw === null ? "—" : ctx.raw + suffix); } } },
        },
        scales: {
          // labels kept level, the ones that do not fit skipped (a day's is in the table): tilted, a month of days overlapped on a phone
          x: { ticks: { maxRotation: 0, autoSkipPadding: 8 } },
          y: { beginAtZero: true, max: spec.percent ? 100 : undefined, ticks: { precision: 0, callback: function (v) { return v + suffix; } } },
        },
      },
    });
    // the chart is drawn: its table is folded away, one click from view
    var alt = box && box.parentElement.querySelector("[data-chart-table]");
    if (alt) alt.removeAttribute("open");
  }

  function popovers() {
    var bs = window.bootstrap;
    if (!bs || !bs.Popover) return;
    var buttons = document.querySelectorAll("[data-kpi-help]");
    var open = null;
    buttons.forEach(function (b) {
      var text = document.getElementById(b.getAttribute("aria-describedby"));
      // the popover replaces the tooltip (its own title would repeat the button's)
      b.removeAttribute("title");
      var p = new bs.Popover(b, { trigger: "click", placement: "top", title: b.getAttribute("data-kpi-name"), content: text ? text.textContent : "" });
      b.addEventListener("show.bs.popover", function () {
        if (open && open !== p) open.hide();
        open = p;
      });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && open) { open.hide(); open = null; }
    });
    document.addEventListener("click", function (e) {
      if (open && !(e.target.closest && e.target.closest("[data-kpi-help], .popover"))) { open.hide(); open = null; }
    });
  }

  // the tables wider than their box (on a phone, most): their fixed first column gets its edge drawn
  function markScrolling() {
    document.querySelectorAll(".reports .table-responsive").forEach(function (box) {
      box.classList.toggle("is-scrolling", box.scrollWidth > box.clientWidth + 1);
    });
  }

  // deferred scripts run in order, bootstrap's last: wait until all have
  document.addEventListener("DOMContentLoaded", function () {
    popovers();
    markScrolling();
    window.addEventListener("resize", markScrolling);
    // a chart's table measures nothing while folded: measured when opened
    document.querySelectorAll("[data-chart-table]").forEach(function (d) { d.addEventListener("toggle", markScrolling); });
    if (!window.Chart) return;
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
