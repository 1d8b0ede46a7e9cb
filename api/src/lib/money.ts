const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const signedMoney = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", signDisplay: "exceptZero" });

/** Cents as people read money, as the web client shows it: 479000 → "$4,790.00". */
export function formatMoney(cents: number): string {
  return money.format(cents / 100);
}

/** A change of money with its sign: -790 → "-$7.90", 250 → "+$2.50". */
export function formatMoneyChange(cents: number): string {
  return signedMoney.format(cents / 100);
}
