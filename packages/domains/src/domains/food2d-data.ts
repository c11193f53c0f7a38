/**
 * The hand-made food2d pools. Every suggestion was placed by hand on two axes in [−1, 1]:
 * spiciness (−1 very mild … +1 very hot) and veginess (−1 meat-centred … +1 fully plant-based).
 * Positions are distinct within a question and kept on a 0.05 grid.
 */
export interface FoodItem {
  readonly id: string;
  readonly text: string;
  /** [spiciness, veginess], both in [−1, 1]. */
  readonly at: readonly [number, number];
}

/** One food2d question with its plain baseline answer. */
export interface FoodQuestion {
  readonly id: string;
  readonly question: string;
  readonly baseline: FoodItem;
  readonly items: readonly FoodItem[];
}

export const FOOD_QUESTIONS: readonly FoodQuestion[] = [
  {
    id: "cook-tonight",
    question: "What should I cook for dinner tonight?",
    baseline: { id: "baseline", text: "A simple pasta with tomato sauce and a green salad.", at: [-0.45, 0.55] },
    items: [
      { id: "thai-green-curry", text: "Thai green curry with chicken and jasmine rice.", at: [0.7, -0.4] },
      { id: "chana-masala", text: "Chana masala with basmati rice.", at: [0.5, 0.9] },
      { id: "mushroom-risotto", text: "Creamy mushroom risotto with parmesan.", at: [-0.8, 0.7] },
      { id: "chilli-con-carne", text: "Beef chilli con carne with sour cream.", at: [0.6, -0.9] },
      { id: "roast-chicken", text: "Roast chicken with garlic potatoes.", at: [-0.7, -0.8] },
      { id: "tofu-stir-fry", text: "Vegetable and tofu stir-fry with fresh chilli.", at: [0.3, 1] },
      { id: "carbonara", text: "Spaghetti carbonara.", at: [-0.6, -0.5] },
      { id: "mapo-tofu", text: "Sichuan mapo tofu with minced pork.", at: [0.95, -0.2] },
      { id: "lentil-soup", text: "Red lentil soup with crusty bread.", at: [-0.4, 0.95] },
      { id: "fish-tacos", text: "Fish tacos with chipotle slaw.", at: [0.4, -0.3] },
      { id: "margherita", text: "Homemade margherita pizza.", at: [-0.5, 0.5] },
      { id: "rogan-josh", text: "Lamb rogan josh with naan.", at: [0.5, -0.85] },
      { id: "shakshuka", text: "Shakshuka with feta and flatbread.", at: [0.2, 0.6] },
      { id: "jerk-chicken", text: "Jerk chicken with rice and peas.", at: [0.8, -0.6] },
      { id: "pesto-gnocchi", text: "Pesto gnocchi with peas and spinach.", at: [-0.9, 0.8] },
      { id: "bean-burritos", text: "Black bean burritos with a hot habanero salsa.", at: [0.75, 0.85] },
      { id: "salmon-greens", text: "Pan-seared salmon with lemon and greens.", at: [-0.3, -0.4] },
      { id: "kimchi-rice", text: "Kimchi fried rice with a fried egg.", at: [0.6, 0.4] },
      { id: "steak-frites", text: "Steak frites with béarnaise.", at: [-0.6, -1] },
      { id: "cauliflower-curry", text: "Extra-hot cauliflower and chickpea vindaloo.", at: [1, 0.95] },
    ],
  },
  {
    id: "takeaway",
    question: "What should we order for a takeaway dinner tonight?",
    baseline: { id: "baseline", text: "A large pepperoni pizza to share.", at: [-0.2, -0.5] },
    items: [
      { id: "pad-kra-pao", text: "Pad kra pao (Thai holy-basil pork) with a fried egg.", at: [0.85, -0.7] },
      { id: "veg-thali", text: "A vegetarian thali with dal, sabzi and raita.", at: [0.35, 0.8] },
      { id: "sushi-platter", text: "A mixed sushi and sashimi platter.", at: [-0.55, -0.35] },
      { id: "falafel-wrap", text: "Falafel wraps with hummus and pickles.", at: [-0.25, 1] },
      { id: "buffalo-wings", text: "Hot buffalo wings with blue-cheese dip.", at: [0.7, -0.95] },
      { id: "margherita-takeaway", text: "A wood-fired margherita pizza.", at: [-0.65, 0.45] },
      { id: "dan-dan", text: "Dan dan noodles with chilli oil and pork.", at: [0.9, -0.45] },
      { id: "burger-fries", text: "Cheeseburgers and fries.", at: [-0.5, -0.9] },
      { id: "vegan-ramen", text: "Spicy vegan miso ramen.", at: [0.55, 0.95] },
      { id: "chicken-tikka", text: "Chicken tikka masala with garlic naan.", at: [0.25, -0.65] },
      { id: "poke-bowl", text: "Tofu poke bowls with edamame.", at: [-0.35, 0.75] },
      { id: "fish-chips", text: "Fish and chips with mushy peas.", at: [-0.85, -0.6] },
      { id: "birria-tacos", text: "Birria tacos with consommé.", at: [0.5, -0.8] },
      { id: "veg-dumplings", text: "Steamed vegetable dumplings with soy dip.", at: [-0.6, 0.9] },
      { id: "green-papaya", text: "Som tam (green papaya salad), Thai-hot.", at: [1, 0.7] },
      { id: "gyros", text: "Pork gyros with tzatziki.", at: [-0.3, -0.75] },
      { id: "paneer-jalfrezi", text: "Paneer jalfrezi with rice.", at: [0.65, 0.55] },
      { id: "pho", text: "Beef pho with herbs and lime.", at: [-0.1, -0.55] },
      { id: "mac-cheese", text: "Baked mac and cheese.", at: [-0.95, 0.3] },
      { id: "sichuan-eggplant", text: "Sichuan fish-fragrant aubergine.", at: [0.8, 0.85] },
    ],
  },
  {
    id: "friends-saturday",
    question: "What is a good dinner to cook for friends on Saturday?",
    baseline: { id: "baseline", text: "A lasagne with garlic bread and a salad.", at: [-0.5, -0.3] },
    items: [
      { id: "paella", text: "Seafood and chorizo paella.", at: [0.15, -0.7] },
      { id: "taco-bar", text: "A build-your-own taco bar with three salsas.", at: [0.6, -0.25] },
      { id: "veg-lasagne", text: "Roasted vegetable lasagne.", at: [-0.55, 0.7] },
      { id: "korean-bbq", text: "Korean barbecue with gochujang pork and kimchi.", at: [0.75, -0.85] },
      { id: "mezze", text: "A mezze spread: hummus, baba ganoush, tabbouleh, falafel.", at: [-0.2, 0.95] },
      { id: "beef-wellington", text: "Beef Wellington with green beans.", at: [-0.8, -1] },
      { id: "thai-red-curry", text: "Thai red curry with tofu and pumpkin.", at: [0.7, 0.75] },
      { id: "moussaka", text: "Lamb moussaka with a Greek salad.", at: [-0.35, -0.8] },
      { id: "biryani", text: "Chicken biryani with raita.", at: [0.45, -0.5] },
      { id: "ratatouille", text: "Ratatouille with herbed polenta.", at: [-0.7, 0.85] },
      { id: "harissa-chicken", text: "Harissa roast chicken with couscous.", at: [0.55, -0.6] },
      { id: "mushroom-bourguignon", text: "Mushroom bourguignon with mash.", at: [-0.75, 1] },
      { id: "vindaloo-feast", text: "A pork vindaloo feast with all the sides.", at: [1, -0.75] },
      { id: "stuffed-peppers", text: "Spiced rice-stuffed peppers with black beans.", at: [0.35, 0.9] },
      { id: "roast-salmon", text: "Whole roast salmon with new potatoes.", at: [-0.6, -0.45] },
      { id: "jollof", text: "Jollof rice with plantain and a scotch-bonnet stew.", at: [0.85, 0.6] },
      { id: "fondue", text: "Cheese fondue with bread and vegetables.", at: [-1, 0.4] },
      { id: "bulgogi", text: "Beef bulgogi lettuce wraps.", at: [0.2, -0.95] },
      { id: "dal-makhani", text: "Dal makhani with jeera rice and naan.", at: [0.1, 0.8] },
      { id: "chili-sin-carne", text: "A big pot of smoky three-bean chilli.", at: [0.65, 1] },
    ],
  },
];

/** Personas on the raw axes (before scaling): a direction of taste with strength ≤ 3. */
export const FOOD_PERSONAS = [
  { name: "chili-vegetarian", description: "A vegetarian who loves very spicy food.", theta: [2.13, 1.71] },
  { name: "mild-carnivore", description: "Likes hearty meat dishes and dislikes spicy food.", theta: [-1.87, -2.03] },
  { name: "spicy-carnivore", description: "Loves spicy food and meat.", theta: [2.29, -1.41] },
  { name: "comfort-vegetarian", description: "A vegetarian who prefers mild comfort food.", theta: [-1.62, 2.21] },
] as const;
