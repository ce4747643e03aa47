// Starts Swagger UI on the API reference page, from the document the server generates.
// A file of its own, not inline, so the page's Content-Security-Policy keeps scripts to 'self'.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.url,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
  });
});
