// bench/run's look into the replaced Node service's MongoDB after a purchase run, with the driver from
// its own node_modules (NODE_PATH): prints "total=<totalStock> mongo_remaining=<remainingStock>
// purchases=<records of that sale>" for the sale with the given id.
//   node bench/node/mongo-check.js mongodb://127.0.0.1:27491/flash_sale_db <saleId>
'use strict';
const { MongoClient, ObjectId } = require('mongodb');

(async () => {
  const client = new MongoClient(process.argv[2], { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
    const db = client.db();
    const id = new ObjectId(process.argv[3]);
    const sale = await db.collection('flashsales').findOne({ _id: id });
    if (!sale) throw new Error('sale ' + process.argv[3] + ' not found');
    const purchases = await db.collection('purchases').countDocuments({ flashSaleId: id });
    console.log(`total=${sale.totalStock} mongo_remaining=${sale.remainingStock} purchases=${purchases}`);
  } finally {
    await client.close();
  }
})().catch((e) => { console.error(e.message); process.exit(1); });
