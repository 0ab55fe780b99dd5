//! WebAssembly entry point of `/widget/governorates/`: what an embed of the governorates widget loads. Each widget
//! page is its own binary so an embedded chart downloads only its own code.

fn main() {
    sijil_app::widgets::start(sijil_app::widgets::view::GOVERNORATES);
}
