import unittest

from payroll import withholding


class WithholdingTest(unittest.TestCase):
    def test_employee_record(self):
        record = {"employee_id": 10001, "my_number": "393692932317"}
        self.assertEqual(withholding(record), 12_300)

    def test_rejects_bad_check_digit(self):
        self.assertRaises(ValueError, withholding, {"my_number": "208628568145"})

    def test_card_is_not_a_my_number(self):
        self.assertTrue(mask("4111 2108 4268 1884"))
