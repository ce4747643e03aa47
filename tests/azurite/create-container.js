// Creates a blob container in Azurite (the well-known development account).
const { BlobServiceClient } = require('@azure/storage-blob');
const conn = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;' +
  'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
  'BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';
const name = process.argv[2] || 'cosell-test';
BlobServiceClient.fromConnectionString(conn).getContainerClient(name).createIfNotExists()
  .then(() => console.log(`azurite: container ${name} ready`))
  .catch((e) => { console.error(`azurite: ${e.message}`); process.exit(1); });
