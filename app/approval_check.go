package app

import "icpdesk/backend/submit"

// CheckApproval checks the numbers of the approval form as the clerk types
// them (the same checks as Approve: the ICP rule of backend/rules, the
// province, the suffixes) and records nothing.
func (s *SubmitService) CheckApproval(id int64, icp string, websiteNumbers map[string]string) (submit.ApprovalCheck, error) {
	ws, err := s.h.get()
	if err != nil {
		return submit.ApprovalCheck{}, err
	}
	return submit.CheckApproval(s.context(), ws, id, icp, websiteNumbers, s.validator())
}
