/* Sijil widget embed script. Two uses:
 *
 *   <script src="{your Sijil site}/embed.js" data-widget="trend" data-month="2021-02" data-lang="ar" async></script>
 *     inserts an iframe of the widget right where the script tag is;
 *   <iframe data-sijil src="{your Sijil site}/widget/…" width="100%" height="360" …></iframe>
 *   <script src="{your Sijil site}/embed.js" async></script>
 *     (the builder's strict-CSP snippet) only resizes the iframes already in the page.
 *
 * Either way it sizes each widget's iframe to the widget's height. A height is accepted only
 * from the widget's origin, and applied to the iframe whose window sent it (`event.source`), so
 * any number of widgets, even of the same chart, can share a page. Sizes are set through the
 * style object, which a Content-Security-Policy without 'unsafe-inline' still allows (a `style`
 * attribute it would refuse). No cookies, no tracking, no request anywhere but the widget's own
 * origin.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src, location.href).origin;
  var fit = function (frame) {
    frame.style.border = '0';
    frame.style.display = 'block';
    frame.style.width = '100%';
  };
  if (script.getAttribute('data-widget')) {
    var allowed = ['widget', 'month', 'range', 'lang', 'digits', 'theme', 'metric', 'notes'];
    var params = new URLSearchParams();
    for (var i = 0; i < allowed.length; i++) {
      var v = script.getAttribute('data-' + allowed[i]);
      if (v !== null && v !== '') params.set(allowed[i] === 'widget' ? 'w' : allowed[i], v);
    }
    params.set('embed', '1');
    // Each chart type has its own page (and only its own code); the time series share one.
    var pages = { glance: 'glance', parties: 'parties', governorates: 'governorates',
      trend: 'series', torture: 'series', massacres: 'series' };
    var w = params.get('w');
    var page = Object.prototype.hasOwnProperty.call(pages, w) ? pages[w] : 'glance';
    var frame = document.createElement('iframe');
    frame.src = origin + '/widget/' + page + '/?' + params.toString();
    frame.title = script.getAttribute('data-title') ||
      (params.get('lang') === 'en' ? 'Civilian deaths documented in Syria' : 'الضحايا المدنيون الموثقون في سوريا');
    frame.loading = 'lazy';
    frame.setAttribute('data-sijil', '');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-downloads allow-popups');
    fit(frame);
    frame.style.height = '360px';
    script.parentNode.insertBefore(frame, script);
  }
  var frames = document.querySelectorAll('iframe[data-sijil]');
  for (var j = 0; j < frames.length; j++) if (frames[j].src.indexOf(origin + '/') === 0) fit(frames[j]);
  // One listener per widget origin, however many snippets load this script.
  var key = 'sijil:resize:' + origin;
  if (window[key]) return;
  window[key] = true;
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (e.origin !== origin || !d || d.type !== 'sijil:height' || typeof d.height !== 'number' ||
      !(d.height > 0 && d.height < 20000)) return;
    var all = document.getElementsByTagName('iframe');
    for (var k = 0; k < all.length; k++) {
      if (all[k].contentWindow === e.source) {
        all[k].style.height = Math.ceil(d.height) + 'px';
        all[k].style.minHeight = '0';
      }
    }
  });
})();
