import Testing
@testable import RiskCore

@Suite("Money, BasisPoints, Leverage")
struct MoneyTests {
    // MARK: formatting

    @Test("formatted groups thousands and always shows two fen digits")
    func formatted() {
        // 123456789 fen = 1,234,567 yuan + 89 fen
        #expect(Money(fen: 123_456_789).formatted == "¥1,234,567.89")
        #expect(Money(fen: 5).formatted == "¥0.05")             // 0 yuan, 5 fen -> leading zero on fen
        #expect(Money(fen: 0).formatted == "¥0.00")
        #expect(Money(yuan: 999).formatted == "¥999.00")       // 3 digits: no separator
        #expect(Money(yuan: 1_000).formatted == "¥1,000.00")   // 4 digits: one separator
        #expect(Money(yuan: 500_000).formatted == "¥500,000.00")
    }

    @Test("negative amounts put the sign before the yen sign")
    func negativeFormatting() {
        #expect(Money(fen: -123_400).formatted == "-¥1,234.00")
        #expect((-Money(fen: 123_456_789)).formatted == "-¥1,234,567.89")
    }

    @Test("formattedWhole rounds half a yuan away from zero")
    func formattedWhole() {
        #expect(Money(fen: 123_456_789).formattedWhole == "¥1,234,568")  // .89 rounds up
        #expect(Money(fen: 123_456_749).formattedWhole == "¥1,234,567")  // .49 rounds down
        #expect(Money(fen: 123_456_750).formattedWhole == "¥1,234,568")  // .50 rounds up
        #expect(Money(fen: 99_999).formattedWhole == "¥1,000")           // 999.99 -> 1000, regrouped
        #expect(Money(fen: -123_450).formattedWhole == "-¥1,235")        // -1234.50 -> -1235
    }

    @Test("formattedCompact uses K below a million and M above")
    func compact() {
        #expect(Money(yuan: 850_000).formattedCompact == "¥850K")        // 850000/1000
        #expect(Money(yuan: 1_250_000).formattedCompact == "¥1.25M")     // 1.25, two decimals below 10M
        #expect(Money(yuan: 12_500_000).formattedCompact == "¥12.5M")    // one decimal at 10M and above
        #expect(Money(yuan: 1_000_000).formattedCompact == "¥1M")        // "1.00" trimmed
        #expect(Money(yuan: 2_500_000).formattedCompact == "¥2.5M")      // "2.50" trimmed
        #expect(Money(yuan: 9_999).formattedCompact == "¥9999")          // under 10,000: whole yuan
        #expect(Money(yuan: -850_000).formattedCompact == "-¥850K")
    }

    @Test("formattedCompact of an amount that rounds to 1000K should switch to M")
    func compactRollover() {
        // ¥999,999 = 999.999K, which prints as "1000" with %.0f; the right compact form is ¥1M.
        #expect(Money(yuan: 999_999).formattedCompact == "¥1M")
    }

    // MARK: parsing

    @Test("parse accepts separators, the yen sign and k/m/万 multipliers")
    func parse() {
        #expect(Money.parse("500000") == Money(fen: 50_000_000))
        #expect(Money.parse("500,000") == Money(fen: 50_000_000))
        #expect(Money.parse("¥1,234.5") == Money(fen: 123_450))        // 1234.5 yuan = 123450 fen
        #expect(Money.parse("¥500,000.50") == Money(fen: 50_000_050))
        #expect(Money.parse("500k") == Money(fen: 50_000_000))         // 500 × 1,000 yuan
        #expect(Money.parse("500K") == Money(fen: 50_000_000))
        #expect(Money.parse("1.5m") == Money(fen: 150_000_000))        // 1.5 × 1,000,000 = 1,500,000 yuan
        #expect(Money.parse("2万") == Money(fen: 2_000_000))           // 2 × 10,000 = 20,000 yuan
        #expect(Money.parse("1.5万") == Money(fen: 1_500_000))         // 15,000 yuan
        #expect(Money.parse("  0.01 ") == Money(fen: 1))
        #expect(Money.parse("-250") == Money(fen: -25_000))
        #expect(Money.parse("0.001k") == Money(fen: 100))            // 0.001 × 1,000 = 1 yuan: precise enough
    }

    @Test("parse rejects text, sub-fen precision and malformed numbers")
    func parseRejects() {
        #expect(Money.parse("abc") == nil)
        #expect(Money.parse("1.234") == nil)      // 123.4 fen: more precise than a fen
        #expect(Money.parse("") == nil)
        #expect(Money.parse("k") == nil)
        #expect(Money.parse("1.2.3") == nil)
        #expect(Money.parse("1e5") == nil)
    }

    @Test("parse rejects a minus sign anywhere but the front")
    func parseEmbeddedMinus() {
        // "1-2" or a date typed into an amount field must not become ¥1 / ¥12
        #expect(Money.parse("1-2") == nil)
        #expect(Money.parse("12-31") == nil)
        #expect(Money.parse("-") == nil)       // a lone minus is not an amount (parses as ¥0.00)
    }

    @Test("parse refuses amounts that do not fit in Int64 fen")
    func parseOverflow() {
        // 10^20 yuan = 10^22 fen, far beyond Int64.max ≈ 9.22 × 10^18
        #expect(Money.parse("100000000000000000000") == nil)
        // the largest sensible amounts still parse: ¥1,000,000,000,000 (10^14 fen)
        #expect(Money.parse("1000000m") == Money(fen: 100_000_000_000_000))
    }

    // MARK: arithmetic

    @Test("applying basis points rounds half away from zero to the fen")
    func applying() {
        // ¥1,000,000 × 785 bp = 100,000,000 fen × 0.0785 = 7,850,000 fen
        #expect(Money(yuan: 1_000_000).applying(BasisPoints(785)) == Money(fen: 7_850_000))
        // 12345 fen × 10 bp = 12.345 fen -> 12
        #expect(Money(fen: 12_345).applying(BasisPoints(10)) == Money(fen: 12))
        // 5 fen × 1000 bp = 0.5 fen -> 1 (half rounds up)
        #expect(Money(fen: 5).applying(BasisPoints(1_000)) == Money(fen: 1))
        // 4 fen × 1000 bp = 0.4 fen -> 0
        #expect(Money(fen: 4).applying(BasisPoints(1_000)) == Money(fen: 0))
        // -5 fen × 1000 bp = -0.5 fen -> -1 (away from zero)
        #expect(Money(fen: -5).applying(BasisPoints(1_000)) == Money(fen: -1))
        // 20,123,456 fen × 130% = 26,160,492.8 -> 26,160,493
        #expect(Money(fen: 20_123_456).applying(BasisPoints(13_000)) == Money(fen: 26_160_493))
    }

    @Test("scaled rounds to the nearest fen; + and - work in fen")
    func scaledAndSums() {
        #expect(Money(fen: 1_234).scaled(by: 0.8) == Money(fen: 987))  // 987.2 -> 987
        #expect(Money(fen: 1_235).scaled(by: 0.5) == Money(fen: 618))  // 617.5 -> 618
        var m = Money(yuan: 100)
        m += Money(fen: 50)
        m -= Money(fen: 25)
        #expect(m == Money(fen: 10_025))
        #expect(Money(yuan: 3) - Money(yuan: 5) == Money(fen: -200))
        #expect(Money(yuan: 1) < Money(fen: 101))
        #expect(Money(fen: 12_345).yuanValue == 123.45)
    }

    // MARK: BasisPoints

    @Test("BasisPoints texts")
    func basisPoints() {
        #expect(BasisPoints(785).percentText == "7.85%")
        #expect(BasisPoints(5).percentText == "0.05%")
        #expect(BasisPoints(15_000).percentText == "150.00%")
        #expect(BasisPoints(450).percentText == "4.50%")
        #expect(BasisPoints(-20).percentText == "-0.20%")
        #expect(BasisPoints(35).signedText == "+35 bp")
        #expect(BasisPoints(-20).signedText == "-20 bp")
        #expect(BasisPoints(0).signedText == "0 bp")
        #expect(BasisPoints(785).fraction == 0.0785)
        #expect(BasisPoints(250) + BasisPoints(80) == BasisPoints(330))
    }

    // MARK: Leverage

    @Test("Leverage text uses one decimal when it suffices, else two")
    func leverageText() {
        #expect(Leverage(hundredths: 300).text == "3.0×")
        #expect(Leverage(hundredths: 250).text == "2.5×")
        #expect(Leverage(hundredths: 225).text == "2.25×")
        #expect(Leverage(2.0).hundredths == 200)
        #expect(Leverage(hundredths: 175).value == 1.75)
    }

    @Test("Leverage parses plain numbers and x/× suffixes, rejects below 1")
    func leverageParse() {
        #expect(Leverage.parse("2.5") == Leverage(hundredths: 250))
        #expect(Leverage.parse("2.5x") == Leverage(hundredths: 250))
        #expect(Leverage.parse("2.5X") == Leverage(hundredths: 250))
        #expect(Leverage.parse("2.5×") == Leverage(hundredths: 250))
        #expect(Leverage.parse(" 3 ") == Leverage(hundredths: 300))
        #expect(Leverage.parse("1") == Leverage(hundredths: 100))
        #expect(Leverage.parse("0.9") == nil)
        #expect(Leverage.parse("abc") == nil)
        #expect(Leverage.parse("inf") == nil)
        #expect(Leverage(hundredths: 150) < Leverage(hundredths: 151))
    }
}
