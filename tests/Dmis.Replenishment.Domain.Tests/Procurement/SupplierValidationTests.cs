using Dmis.Replenishment.Domain.Procurement;

namespace Dmis.Replenishment.Domain.Tests.Procurement;

public class SupplierValidationTests
{
    private static readonly SupplierInput Valid = new(" acme-01 ", " Acme Supplies Ltd ", Email: "orders@acme.jm", ParishCode: "01");

    [Fact]
    public void A_supplier_code_is_trimmed_and_stored_upper_case()
    {
        var supplier = SupplierValidation.Validate(Valid);

        Assert.Equal("ACME-01", supplier.SupplierCode);
        Assert.Equal("Acme Supplies Ltd", supplier.SupplierName);
        Assert.Equal("A", supplier.StatusCode);
    }

    [Fact]
    public void The_default_lead_time_is_fourteen_days_when_not_given()
    {
        Assert.Equal(14, SupplierValidation.Validate(Valid).DefaultLeadTimeDays);
        Assert.Equal(3, SupplierValidation.Validate(Valid with { DefaultLeadTimeDays = 3 }).DefaultLeadTimeDays);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("A")]
    [InlineData("ACME SUPPLIES")]
    [InlineData("ACME.01")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU")]
    public void A_supplier_code_outside_the_pattern_is_refused(string? code)
    {
        var error = Assert.Throws<DomainValidationException>(() => SupplierValidation.Validate(Valid with { SupplierCode = code }));

        Assert.Equal("supplier.supplier_code", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData("AB")]
    [InlineData("ABCDEFGHIJKLMNOPQRST")]
    [InlineData("GK_FOODS-2")]
    public void Codes_of_two_to_twenty_letters_digits_underscores_and_dashes_are_accepted(string code)
    {
        Assert.Equal(code, SupplierValidation.Validate(Valid with { SupplierCode = code }).SupplierCode);
    }

    [Fact]
    public void A_name_is_required_and_at_most_120_characters()
    {
        Assert.Throws<DomainValidationException>(() => SupplierValidation.Validate(Valid with { SupplierName = " " }));
        Assert.Throws<DomainValidationException>(() => SupplierValidation.Validate(Valid with { SupplierName = new string('n', 121) }));
        Assert.Equal(120, SupplierValidation.Validate(Valid with { SupplierName = new string('n', 120) }).SupplierName.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_default_lead_time_must_be_positive(int days)
    {
        var error = Assert.Throws<DomainValidationException>(() => SupplierValidation.Validate(Valid with { DefaultLeadTimeDays = days }));

        Assert.Equal("supplier.default_lead_time_days", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void A_framework_supplier_needs_a_contract_number_and_an_expiry_date()
    {
        var error = Assert.Throws<DomainValidationException>(() => SupplierValidation.Validate(Valid with { IsFrameworkSupplier = true }));

        Assert.Equal(
            ["supplier.framework_contract_no", "supplier.framework_expiry_date"],
            error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void A_framework_supplier_with_its_contract_is_accepted_even_when_expired()
    {
        var supplier = SupplierValidation.Validate(
            Valid with { IsFrameworkSupplier = true, FrameworkContractNo = "FW-1", FrameworkExpiryDate = new DateOnly(2020, 1, 1) });

        Assert.True(supplier.IsFrameworkSupplier);
        Assert.Equal("FW-1", supplier.FrameworkContractNo);
    }

    [Fact]
    public void A_supplier_that_is_not_a_framework_supplier_carries_no_framework_contract()
    {
        var error = Assert.Throws<DomainValidationException>(() => SupplierValidation.Validate(
            Valid with { FrameworkContractNo = "FW-1", FrameworkExpiryDate = new DateOnly(2026, 1, 1) }));

        Assert.Equal(2, error.Violations.Count);
    }

    [Fact]
    public void Contact_fields_are_checked_against_their_columns()
    {
        var error = Assert.Throws<DomainValidationException>(() => SupplierValidation.Validate(Valid with
        {
            ContactName = new string('c', 81),
            PhoneNo = new string('9', 21),
            Email = "not-an-address",
            Address = new string('a', 256),
            ParishCode = "KIN",
            CountryId = 0,
        }, fieldPrefix: string.Empty));

        Assert.Equal(
            ["contact_name", "phone_no", "email", "address", "parish_code", "country_id"],
            error.Violations.Select(v => v.Field));
    }
}
