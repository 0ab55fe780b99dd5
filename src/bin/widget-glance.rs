//! WebAssembly entry point of `/widget/glance/`: what an embed of the glance widget loads. Each widget
//! page is its own binary so an embedded chart downloads only its own code.

fn main() {
    sijil_app::widgets::start(sijil_app::widgets::view::GLANCE);
}
