// The portal allocates many short-lived strings per page (sentences, labels, the page itself);
// mimalloc serves them with less locking and copying than the system allocator (bench/RESULTS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() {
    if let Err(e) = cosell::cli::run().await {
        eprintln!("cosell: {e:#}");
        std::process::exit(1);
    }
}
