/* Sijil widget embed script.
 *
 *   <script src="{your Sijil site}/embed.js" data-widget="trend" data-month="2021-02" data-lang="ar" async></script>
 *
 * Inserts an iframe of the widget right where the script tag is, so the host page's CSS and
 * scripts cannot break the widget, and the widget cannot touch the host page. The iframe reports
 * its height; the height is accepted only from the widget's origin AND from this very iframe.
 * No cookies, no tracking, no request anywhere but the widget's own origin.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src, location.href).origin;
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
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-downloads allow-popups');
  frame.style.cssText = 'width:100%;min-height:360px;height:360px;border:0;display:block;';
  script.parentNode.insertBefore(frame, script);
  window.addEventListener('message', function (e) {
    if (e.origin !== origin || e.source !== frame.contentWindow) return;
    var d = e.data;
    if (d && d.type === 'sijil:height' && typeof d.height === 'number' && d.height > 0 && d.height < 20000) {
      frame.style.height = Math.ceil(d.height) + 'px';
      frame.style.minHeight = '0';
    }
  });
})();
