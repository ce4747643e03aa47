// Puts one file as N blobs at once straight into Azurite, without the portal, and prints the
// milliseconds it took: what Azurite itself accepts on this machine (bench/upload_concurrency.sh
// sets it beside the portal's uploads). Blocks of 512 KiB, two in flight per blob, as the
// portal sends them: `maxSingleShotSize: 0`, or the SDK sends any file under 256 MiB as one
// request, which costs Azurite far less than a hundred blocks and their list.
//   node put-blobs.js CONTAINER N FILE
const { BlobServiceClient } = require('@azure/storage-blob');
const conn = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;' +
  'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
  'BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';
const [container, n, file] = process.argv.slice(2);
const client = BlobServiceClient.fromConnectionString(conn).getContainerClient(container);
const started = process.hrtime.bigint();
Promise.all(Array.from({ length: Number(n) }, (_, i) =>
  client.getBlockBlobClient(`direct/${Date.now()}-${i}`).uploadFile(file, { blockSize: 512 * 1024, concurrency: 2, maxSingleShotSize: 0 })))
  .then(() => console.log(Number((process.hrtime.bigint() - started) / 1000000n)))
  .catch((e) => { console.error(`azurite: ${e.message}`); process.exit(1); });
