#[actix_web::main]
async fn main() {
    if let Err(e) = cosell::cli::run().await {
        eprintln!("cosell: {e:#}");
        std::process::exit(1);
    }
}
