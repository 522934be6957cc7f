// The shop's assortment. Elasticities are the "true" values a log-log regression of quantity on
// price should roughly recover: staples barely react to price, gadgets and toys react strongly.

export interface CategoryData {
  name: string;
  /** Share of baskets that draw from this category before personal taste. */
  popularity: number;
  elasticity: number;
  /** Typical shelf price in whole currency units (low, high). */
  priceRange: [number, number];
  /** Units per line are higher for consumables. */
  unitsPerLine: number;
  tags: string[];
  products: string[];
}

const names = (text: string) =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

export const CATEGORIES: CategoryData[] = [
  {
    name: 'Electronics',
    popularity: 1.0,
    elasticity: -1.9,
    priceRange: [15, 420],
    unitsPerLine: 1.05,
    tags: ['gadgets', 'wireless', 'audio', 'charging', 'smart-home'],
    products: names(`
      Wireless Earbuds, Bluetooth Speaker, USB-C Charger, Power Bank, Smart Watch,
      Fitness Band, Noise-Cancelling Headphones, Phone Case, Screen Protector, Smart Plug,
      Webcam, Mechanical Keyboard, Wireless Mouse, Portable SSD, E-Reader
    `),
  },
  {
    name: 'Home & Kitchen',
    popularity: 1.1,
    elasticity: -1.3,
    priceRange: [6, 180],
    unitsPerLine: 1.15,
    tags: ['kitchen', 'cookware', 'storage', 'decor', 'cleaning'],
    products: names(`
      Chef Knife, Non-Stick Pan, French Press, Electric Kettle, Food Storage Set,
      Cutting Board, Scented Candle, Throw Blanket, Table Lamp, Bath Towel Set, Spice Rack,
      Vacuum Flask, Dish Rack, Blender, Cast Iron Skillet
    `),
  },
  {
    name: 'Beauty',
    popularity: 0.9,
    elasticity: -1.0,
    priceRange: [4, 70],
    unitsPerLine: 1.3,
    tags: ['skincare', 'haircare', 'fragrance', 'organic', 'makeup'],
    products: names(`
      Face Cream, Hyaluronic Serum, Shampoo, Conditioner, Lip Balm, Sunscreen SPF50,
      Eau de Parfum, Hand Cream, Sheet Mask Pack, Mascara, Body Lotion, Micellar Water,
      Hair Oil, Nail Polish, Eye Cream
    `),
  },
  {
    name: 'Clothing',
    popularity: 1.0,
    elasticity: -1.5,
    priceRange: [9, 150],
    unitsPerLine: 1.1,
    tags: ['cotton', 'outerwear', 'basics', 'footwear', 'accessories'],
    products: names(`
      Cotton T-Shirt, Hoodie, Denim Jeans, Rain Jacket, Wool Socks, Sneakers, Leather Belt,
      Knit Beanie, Chino Trousers, Puffer Vest, Linen Shirt, Sports Bra, Scarf, Canvas Tote,
      Running Shorts
    `),
  },
  {
    name: 'Sports & Outdoors',
    popularity: 0.7,
    elasticity: -1.6,
    priceRange: [8, 260],
    unitsPerLine: 1.05,
    tags: ['fitness', 'camping', 'cycling', 'yoga', 'running'],
    products: names(`
      Yoga Mat, Dumbbell Set, Resistance Bands, Water Bottle, Camping Lantern,
      Trekking Poles, Bike Light, Jump Rope, Foam Roller, Sleeping Bag, Hiking Backpack,
      Cycling Gloves, Tent Footprint, Kettlebell, Running Belt
    `),
  },
  {
    name: 'Books',
    popularity: 0.6,
    elasticity: -0.8,
    priceRange: [7, 45],
    unitsPerLine: 1.1,
    tags: ['fiction', 'business', 'cooking', 'kids', 'science'],
    products: names(`
      Mystery Novel, Business Strategy Guide, Cookbook, Picture Book, Popular Science,
      Fantasy Saga, Self-Help Classic, Travel Guide, Graphic Novel, Poetry Collection,
      History Atlas, Language Course, Biography, Puzzle Book, Design Handbook
    `),
  },
  {
    name: 'Toys & Games',
    popularity: 0.55,
    elasticity: -2.3,
    priceRange: [6, 120],
    unitsPerLine: 1.05,
    tags: ['kids', 'board-games', 'puzzles', 'educational', 'outdoor'],
    products: names(`
      Building Blocks, Board Game, Jigsaw Puzzle, Plush Bear, Remote Control Car, Card Game,
      Science Kit, Doll House, Art Set, Wooden Train, Kite, Puzzle Cube, Play Dough Set,
      Marble Run, Water Blaster
    `),
  },
  {
    name: 'Grocery',
    popularity: 1.2,
    elasticity: -0.6,
    priceRange: [2, 30],
    unitsPerLine: 1.8,
    tags: ['coffee', 'tea', 'snacks', 'organic', 'pantry'],
    products: names(`
      Ground Coffee, Green Tea, Dark Chocolate, Granola, Olive Oil, Honey Jar, Pasta Pack,
      Mixed Nuts, Protein Bars, Coffee Beans, Herbal Tea, Maple Syrup, Rice Crackers,
      Peanut Butter, Dried Mango
    `),
  },
];

export const PRICE_BANDS = ['budget', 'mid', 'premium'] as const;
export type PriceBand = (typeof PRICE_BANDS)[number];
